#!/usr/bin/env node
// The entry of the smtpcfg-lint pre-commit hook (.pre-commit-hooks.yaml, `language: script`).
// pre-commit runs it from its own clone of this repository at the pinned rev, in the repository
// being committed to, with the staged file names as arguments. The clone holds sources only: the
// first run there installs the locked dependencies and builds the CLI (scripts/bootstrap.mjs,
// which needs nothing but Node and npm, and the npm registry this once); every later run starts
// the built CLI straight away, offline. pre-commit's `language: node` cannot do this: it runs
// `npm install` on the root package.json, whose `workspace:` dependencies npm does not understand.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "packages", "cli", "bin", "smtpcfg.cjs");
const modules = join(root, "node_modules");
// Written once the build succeeded. A pre-commit clone never changes (another rev gets another
// clone), so its presence is all that later runs need to check.
const ready = join(modules, ".smtpcfg-hook-ready");
const lock = join(modules, ".smtpcfg-hook-lock");
const LOCK_WAIT_MS = 15 * 60_000;

function fail(message) {
  process.stderr.write(`smtpcfg hook: ${message}\n`);
  process.exit(2);
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Whether a lock was left by a run that is gone (interrupted with Ctrl-C, killed). */
function abandoned() {
  try {
    const pid = Number(readFileSync(join(lock, "pid"), "utf8"));
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(lock).mtimeMs > 30_000;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if (error.code === "EPERM") return false;
    if (error.code === "ENOENT") return Date.now() - statSync(lock).mtimeMs > 30_000;
    return true;
  }
}

/** Runs `task` while holding a lock, so that two first runs at once (two repositories committing) build once. */
function locked(task) {
  mkdirSync(modules, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    try {
      if (abandoned()) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        return `another run has held ${lock} for ${LOCK_WAIT_MS / 60_000} minutes; remove it if no run is left`;
      else sleep(500);
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
  }
  try {
    writeFileSync(join(lock, "pid"), String(process.pid));
    return task();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs the locked dependencies and builds the CLI, once; returns why it failed, if it did. */
function bootstrap() {
  if (existsSync(ready)) return undefined;
  const started = Date.now();
  const env = { ...process.env };
  // The build needs the devDependencies, which pnpm leaves out under NODE_ENV=production; and git's
  // hook variables (GIT_INDEX_FILE, GIT_DIR) belong to the repository being committed to, not to this clone.
  delete env.NODE_ENV;
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_OBJECT_DIRECTORY"]) delete env[name];
  const result = spawnSync(process.execPath, [join(root, "scripts", "bootstrap.mjs")], {
    cwd: root,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    const why = result.error?.message ?? `exit ${result.status ?? result.signal}`;
    return `the first run installs and builds smtpcfg in ${root}, and that failed (${why}); the next run tries again`;
  }
  writeFileSync(ready, `${new Date().toISOString()}\n`);
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stderr.write(`smtpcfg hook: first run: installed and built smtpcfg in ${seconds} s; later runs start at once\n`);
  return undefined;
}

if (!existsSync(ready)) {
  const failure = locked(bootstrap);
  if (failure) fail(failure);
}
// The bin reads its arguments from process.argv.slice(2), which are this script's own.
createRequire(import.meta.url)(bin);
