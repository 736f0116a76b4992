#!/usr/bin/env node
// Makes sure a Chromium exists for the e2e tests (playwright-core drives it; it downloads no browser).
// CHROMIUM_PATH or /usr/bin/chromium present → exit 0. Otherwise, as root with apt-get, install the
// Debian package; anywhere else print what to install and exit 1.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);

const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && hasApt && !process.env.CHROMIUM_PATH) {
  console.log(`${path} is missing: installing the Debian chromium package…`);
  const run = (cmd) => spawnSync("sh", ["-c", cmd], { stdio: "inherit" }).status === 0;
  if (run("apt-get update") && run("DEBIAN_FRONTEND=noninteractive apt-get install -y chromium") && existsSync(path)) {
    process.exit(0);
  }
  console.error("apt-get could not install chromium; see the output above.");
  process.exit(1);
}

console.error(
  [
    `No Chromium at ${path}. The e2e tests need one:`,
    "  Debian/Ubuntu: sudo apt-get install -y chromium",
    "  or point CHROMIUM_PATH at an installed Chromium/Chrome binary, e.g.",
    "  CHROMIUM_PATH=/usr/bin/google-chrome npm run test:e2e",
  ].join("\n"),
);
process.exit(1);
