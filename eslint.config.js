// Lint rules: ESLint's and typescript-eslint's recommended sets, and eslint-plugin-solid, whose rules
// catch what breaks Solid's reactivity (destructured props, reactive reads outside a tracking scope,
// signals called in JSX wrongly, React-isms). Formatting is Prettier's job, not ESLint's.
import js from "@eslint/js";
import solid from "eslint-plugin-solid/configs/typescript";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "dist-e2e/", "bench/", "test-results/", "node_modules/", "server/build/", ".e2e-tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    ...solid,
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Solid assigns element refs (`let list!: HTMLDivElement; <div ref={list}>`) in compiled JSX,
      // which this rule cannot see.
      "no-unassigned-vars": "off",
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
