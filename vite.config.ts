import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";
import tailwindcss from "@tailwindcss/vite";

export default defineConfig(({ mode }) => ({
  plugins: [solid(), tailwindcss()],
  server: { host: "127.0.0.1", port: 5173 },
  preview: { host: "127.0.0.1", port: 4173 },
  // The end-to-end tests' build (`--mode e2e`, with their reconnect tuning) goes to a folder of its
  // own, so `npm start` never serves it and the tests never run a build without it.
  build: { target: "es2022", sourcemap: false, outDir: mode === "e2e" ? "dist-e2e" : "dist" },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        resolve: { conditions: ["development", "browser"] },
        test: {
          name: "component",
          environment: "jsdom",
          include: ["tests/component/**/*.test.tsx", "tests/component/**/*.test.ts"],
          setupFiles: ["tests/component/setup.ts"],
          // Whole-app tests through the router load the session view's chunk and type into it; on a
          // busy 2-core machine that passes 5 s, which is no sign of a fault.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          pool: "forks",
        },
      },
    ],
  },
}));
