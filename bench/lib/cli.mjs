// Where the built CLI is, and the checks every benchmark applies to its runs.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BenchError, cleanEnv } from "./measure.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const packageDir = join(root, "packages/cli");
const BUNDLE_FILES = ["dist/cli.cjs", "dist/launcher.cjs"];
const SNAPSHOT_ATTEMPTS = 5;

function sizes(dir) {
  return BUNDLE_FILES.map((file) => {
    try {
      return statSync(join(dir, file)).size;
    } catch {
      return -1;
    }
  });
}

/**
 * Copies the built CLI (bin, dist, package.json: the packed layout) into a directory of its own
 * and returns the path of its bin. Others rebuild packages/cli/dist while a benchmark runs (the
 * build starts by deleting it); a private copy keeps every run of one benchmark on the same bundle.
 * A copy taken while a build was writing is detected (sizes differ) and taken again, a bounded
 * number of times.
 */
export function snapshotCli() {
  for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
    const before = sizes(packageDir);
    if (before.every((size) => size > 0)) {
      const dir = scratchDir("cli");
      for (const entry of ["bin", "dist", "package.json"]) cpSync(join(packageDir, entry), join(dir, entry), { recursive: true });
      const copied = sizes(dir);
      if (copied.every((size, i) => size === before[i]) && sizes(packageDir).every((size, i) => size === before[i])) {
        return { dir, cli: join(dir, "bin/smtpcfg.cjs") };
      }
      removeDir(dir);
    }
    if (attempt < SNAPSHOT_ATTEMPTS) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
  }
  throw new BenchError(
    `${join(packageDir, "dist")} is missing or being rebuilt: build first (npm run bench does, through scripts/bootstrap.mjs)`,
  );
}

/** The baseline of every benchmark: starting Node and doing nothing. */
export function nodeBaseline(cwd = root) {
  return { label: "node -e 0", args: ["-e", "0"], cwd, env: cleanEnv() };
}

/** A lint run counts only when it exits 0 and prints nothing: no findings, no warnings, no errors. */
export function cleanLint(result) {
  if (result.status !== 0) return `expected exit code 0, got ${result.status ?? result.signal}`;
  if (result.stdout.trim() || result.stderr.trim()) return "expected no findings and no output";
  return undefined;
}

/** `--version` must print the version and nothing else. */
export function printsVersion(result) {
  if (result.status !== 0) return `expected exit code 0, got ${result.status ?? result.signal}`;
  if (!/^\d+\.\d+\.\d+\S*\n?$/.test(result.stdout) || result.stderr.trim())
    return `expected a version, got ${JSON.stringify(result.stdout)}`;
  return undefined;
}

export function scratchDir(purpose) {
  return mkdtempSync(join(tmpdir(), `smtpcfg-bench-${purpose}-`));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** The code cache files in a cache directory, with their sizes and modification times. */
export function cacheState(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".v8cache"))
    .map((name) => {
      const { size, mtimeMs } = statSync(join(dir, name));
      return { name, size, mtimeMs };
    });
}
