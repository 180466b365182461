import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ProcessResult {
  /** The exit code; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface BuiltCli {
  /** The bin to run with node. */
  bin: string;
  /** Runs the bin as its own process, asynchronously: servers of the test keep answering meanwhile. */
  run(argv: string[], options: { cwd: string; env?: Record<string, string>; maxFileBlocks?: number }): Promise<ProcessResult>;
}

const cliDir = join(import.meta.dirname, "..");

/**
 * Builds the CLI as it ships (the bundle, its chunks and the launcher) into a folder of its own,
 * as other tests rebuild dist/ while one runs. `maxFileBlocks` runs it under `ulimit -f`: the
 * file system then refuses larger writes (EFBIG), a real failure of the environment.
 */
export function buildCli(): BuiltCli {
  const copy = mkdtempSync(join(tmpdir(), "smtpcfg-built-"));
  cpSync(join(cliDir, "bin"), join(copy, "bin"), { recursive: true });
  cpSync(join(cliDir, "package.json"), join(copy, "package.json"));
  execFileSync(process.execPath, ["build.mjs", "--outdir", join(copy, "dist")], { cwd: cliDir, stdio: "pipe" });
  const bin = join(copy, "bin/smtpcfg.cjs");
  const run: BuiltCli["run"] = (argv, options) => {
    const node = [process.execPath, bin, ...argv];
    const [command, args] =
      options.maxFileBlocks === undefined
        ? [process.execPath, node.slice(1)]
        : ["/bin/sh", ["-c", `ulimit -f ${options.maxFileBlocks} && exec "$@"`, "sh", ...node]];
    const child = spawn(command as string, args as string[], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", SMTPCFG_CACHE_DIR: join(copy, "cache"), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = { stdout: "", stderr: "" };
    child.stdout.on("data", (chunk: Buffer) => {
      out.stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out.stderr += chunk.toString("utf8");
    });
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, ...out }));
    });
  };
  return { bin, run };
}
