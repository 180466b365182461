import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ProcessResult {
  /** The exit code; null when a signal ended the process. */
  code: number | null;
  /** The signal that ended it: SIGKILL when it outlived `killAfterMs`. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface BuiltCli {
  /** The bin to run with node. */
  bin: string;
  /** Runs the bin as its own process, asynchronously: servers of the test keep answering meanwhile. */
  run(argv: string[], options: RunOptions): Promise<ProcessResult>;
  /** Starts the bin as a process that runs until stopped (smtpcfg emulate). */
  start(argv: string[], options: RunOptions): RunningCli;
}

export interface RunningCli {
  /** What it printed so far. */
  output(): { stdout: string; stderr: string };
  ended: Promise<ProcessResult>;
  /** SIGTERM, as Ctrl+C or a service manager stops it; resolves once it has ended. */
  stop(): Promise<ProcessResult>;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Runs it under `ulimit -f` (blocks of 512 bytes): the file system refuses larger writes (EFBIG), a real failure of the environment. */
  maxFileBlocks?: number;
  /** A process still running after this long is killed (default 60 s): a hang ends as signal SIGKILL. */
  killAfterMs?: number;
}

const cliDir = join(import.meta.dirname, "..");

/**
 * Builds the CLI as it ships (the bundle, its chunks and the launcher) into a folder of its own,
 * as other tests rebuild dist/ while one runs.
 */
export function buildCli(): BuiltCli {
  const copy = mkdtempSync(join(tmpdir(), "smtpcfg-built-"));
  cpSync(join(cliDir, "bin"), join(copy, "bin"), { recursive: true });
  cpSync(join(cliDir, "package.json"), join(copy, "package.json"));
  execFileSync(process.execPath, ["build.mjs", "--outdir", join(copy, "dist")], { cwd: cliDir, stdio: "pipe" });
  const bin = join(copy, "bin/smtpcfg.cjs");
  const start: BuiltCli["start"] = (argv, options) => {
    const node = [process.execPath, bin, ...argv];
    const [command, args] =
      options.maxFileBlocks === undefined
        ? [process.execPath, node.slice(1)]
        : ["/bin/sh", ["-c", `ulimit -f ${options.maxFileBlocks} && exec "$@"`, "sh", ...node]];
    const child = spawn(command as string, args as string[], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", SMTPCFG_CACHE_DIR: join(copy, "cache"), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.killAfterMs ?? 60_000,
      killSignal: "SIGKILL",
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
    return {
      output: () => ({ ...out }),
      ended,
      stop: () => {
        child.kill("SIGTERM");
        return ended;
      },
    };
  };
  const run: BuiltCli["run"] = (argv, options) => start(argv, options).ended;
  return { bin, run, start };
}
