// Makes a fresh clone runnable with nothing but Node >= 20 and npm: fetches the pinned pnpm
// through npm when it is not on PATH, installs the locked dependencies, and builds.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pnpmCommand } from "./pnpm.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [major] = process.versions.node.split(".").map(Number);
if (major < 20) {
  console.error(`smtpcfg needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(2);
}

function run(command, args) {
  const [bin, ...rest] = command;
  const result = spawnSync(bin, [...rest, ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  if (result.status !== 0) {
    console.error(`\nbootstrap: \`${[...command, ...args].join(" ")}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

const pnpm = pnpmCommand();
const installed = join(root, "node_modules", ".modules.yaml");
const lockfile = join(root, "pnpm-lock.yaml");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lockfile).mtimeMs) {
  run(pnpm, ["install", "--frozen-lockfile", "--reporter=append-only"]);
}
run(pnpm, ["--silent", "-r", "run", "build"]);
