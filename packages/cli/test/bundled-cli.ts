import { execFile, execFileSync, spawn } from "node:child_process";
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

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Milliseconds after which the process is killed (default 30 s): a run that would hang ends with code null. */
  timeout?: number;
  nodeOptions?: readonly string[];
  /** Runs it under `ulimit -f` (blocks of 512 bytes): the file system refuses larger writes (EFBIG), a real failure of the environment. */
  maxFileBlocks?: number;
}

function environment(cli: BundledCli, options: RunOptions): Record<string, string> {
  return { PATH: process.env.PATH ?? "", NO_COLOR: "1", SMTPCFG_CACHE_DIR: cli.cacheDir, ...options.env };
}

function commandLine(cli: BundledCli, argv: readonly string[], options: RunOptions): [string, string[]] {
  const node = [...(options.nodeOptions ?? []), cli.bin, ...argv];
  if (options.maxFileBlocks === undefined) return [process.execPath, node];
  return ["/bin/sh", ["-c", `ulimit -f ${options.maxFileBlocks} && exec "$@"`, "sh", process.execPath, ...node]];
}

/**
 * Runs the bundled CLI as a separate process, without blocking this one (a server of the test can
 * answer it meanwhile). After `timeout` ms it is killed: a run that would hang ends with code null.
 */
export function runBundledCli(cli: BundledCli, argv: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const [command, args] = commandLine(cli, argv, options);
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: environment(cli, options),
        encoding: "utf8",
        timeout: options.timeout ?? 30_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number | string; signal?: NodeJS.Signals | null }) | null;
        const code = failed === null ? 0 : typeof failed.code === "number" ? failed.code : null;
        resolve({ code, signal: failed?.signal ?? null, stdout, stderr });
      },
    );
  });
}

export interface RunningCli {
  /** Its process id, which smtpcfg emulate writes into its connection file. */
  pid: number;
  ended: Promise<ProcessResult>;
  /** SIGTERM (as Ctrl+C or a service manager stops it) unless another signal is named; resolves once it has ended. */
  stop(signal?: NodeJS.Signals): Promise<ProcessResult>;
}

/** Starts the bundled CLI as a process that runs until stopped (smtpcfg emulate); killed after `timeout` ms all the same. */
export function startBundledCli(cli: BundledCli, argv: readonly string[], options: RunOptions): RunningCli {
  const [command, args] = commandLine(cli, argv, options);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: environment(cli, options),
    stdio: ["ignore", "pipe", "pipe"],
    timeout: options.timeout ?? 60_000,
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => {
    out.stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    out.stderr += chunk.toString("utf8");
  });
  const ended = new Promise<ProcessResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, ...out }));
  });
  if (child.pid === undefined) throw new Error(`${command} did not start`);
  return {
    pid: child.pid,
    ended,
    stop: (signal = "SIGTERM") => {
      child.kill(signal);
      return ended;
    },
  };
}
