import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cliDir = join(import.meta.dirname, "..");

export interface BundledCli {
  /** The launcher, bin/smtpcfg.cjs, of this copy. */
  bin: string;
  /** Where this copy keeps its V8 code cache. */
  cacheDir: string;
}

/**
 * Builds the CLI as it ships (bundle, chunks, launcher) into a folder of its own: other tests
 * rebuild dist/ while one runs, and a test of the real process must not run half of each build.
 */
export function buildBundledCli(): BundledCli {
  const copy = mkdtempSync(join(tmpdir(), "smtpcfg-bundle-"));
  cpSync(join(cliDir, "bin"), join(copy, "bin"), { recursive: true });
  cpSync(join(cliDir, "package.json"), join(copy, "package.json"));
  execFileSync(process.execPath, ["build.mjs", "--outdir", join(copy, "dist")], { cwd: cliDir, stdio: "pipe" });
  return { bin: join(copy, "bin/smtpcfg.cjs"), cacheDir: join(copy, "cache") };
}

export interface ProcessResult {
  /** The exit code; null when the process was killed (by `timeout`, for one). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the bundled CLI as a separate process, without blocking this one (a server of the test can
 * answer it meanwhile). After `timeout` ms it is killed: a run that would hang ends with code null.
 */
export function runBundledCli(
  cli: BundledCli,
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeout?: number; nodeOptions?: readonly string[] },
): Promise<ProcessResult> {
  const env = { PATH: process.env.PATH ?? "", NO_COLOR: "1", SMTPCFG_CACHE_DIR: cli.cacheDir, ...options.env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeOptions ?? []), cli.bin, ...argv],
      { cwd: options.cwd, env, encoding: "utf8", timeout: options.timeout ?? 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number | string; signal?: NodeJS.Signals | null }) | null;
        const code = failed === null ? 0 : typeof failed.code === "number" ? failed.code : null;
        resolve({ code, signal: failed?.signal ?? null, stdout, stderr });
      },
    );
  });
}
