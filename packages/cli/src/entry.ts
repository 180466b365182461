import { fstatSync } from "node:fs";
import { UsageError } from "@smtpcfg/core";
import { lintCommand } from "./commands/lint.js";
import { EXIT } from "./exit-codes.js";
import { fileErrorReason } from "./file-error.js";
import type { Io } from "./io.js";
import { parseLintArgv } from "./lint-argv.js";
import { reportFailure } from "./report-failure.js";

/**
 * Runs one command line. A plain `smtpcfg lint …` (the command people and CI run over and over)
 * goes straight to the lint command: yargs, its help layout and its validation cost more than
 * linting a config does, about 20 ms of every start. Everything else, and every lint that is not
 * plain, goes through main() and yargs, which load only then.
 */
export async function runArgv(argv: readonly string[], io: Io): Promise<number> {
  const plain = parseLintArgv(argv);
  const main = async () => (await import("./main.js")).main(argv, io);
  if (plain === undefined) return main();
  try {
    return await lintCommand(plain.args, io);
  } catch (error) {
    // The lint command throws usage errors before it writes anything: main() runs it again through
    // yargs, which reports the error as it reports every other usage error.
    if (error instanceof UsageError) return main();
    return reportFailure(error, io, plain.verbose);
  }
}

/**
 * The process's Io (cwd, env, stdout, stderr), with process.stdout and stderr only touched to
 * write something. Node builds them on first use, with the stream modules behind
 * them, a few milliseconds, and a clean lint writes nothing. `written` is what was written to.
 */
function lazyProcessIo(): { io: Io; written: Set<NodeJS.WriteStream>; failures: Map<NodeJS.WriteStream, NodeJS.ErrnoException> } {
  const written = new Set<NodeJS.WriteStream>();
  const failures = new Map<NodeJS.WriteStream, NodeJS.ErrnoException>();
  const writeTo = (stream: () => NodeJS.WriteStream) => (text: string) => {
    if (text === "") return;
    const target = stream();
    // A write that fails (a full disk, a closed pipe) is an event, not an exception: kept for run() to report.
    if (!written.has(target)) target.on("error", (error: NodeJS.ErrnoException) => failures.set(target, error));
    written.add(target);
    target.write(text);
  };
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    stdout: {
      write: writeTo(() => process.stdout),
      get isTTY() {
        return isTerminal(1, () => process.stdout);
      },
    },
    stderr: {
      write: writeTo(() => process.stderr),
      get isTTY() {
        return isTerminal(2, () => process.stderr);
      },
    },
  };
  return { io, written, failures };
}

/** The stream's isTTY, without building the stream when it is a pipe or a file (a terminal is a character device). */
function isTerminal(fd: 1 | 2, stream: () => NodeJS.WriteStream): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return stream().isTTY === true;
}

/**
 * The bundle's entry (bin, then launcher, then this): sets the exit code without cutting output
 * short. Resolves to whether all output has reached the system (Linux writes pipes and files
 * synchronously; elsewhere a write may still be pending), so that the launcher may end the
 * process right away rather than wait for Node to tear its heap down, which takes a large lint
 * tens of milliseconds.
 */
export async function run(): Promise<{ flushed: boolean }> {
  const { io, written, failures } = lazyProcessIo();
  process.exitCode = await runArgv(process.argv.slice(2), io);
  if (written.size === 0) return { flushed: true };
  // A failed write reports its error on a later tick: wait for it, or the output is lost in silence.
  await new Promise((resolve) => setImmediate(resolve));
  if (failures.size > 0) reportLostOutput(failures);
  return { flushed: failures.size === 0 && [...written].every((stream) => stream.writableLength === 0) };
}

/**
 * Output that never arrived makes the run fail (exit 2), whatever the command found: a CI job must
 * not pass on a report nobody could read. The reason goes to stderr when stdout failed, unless the
 * reader of a pipe simply stopped reading (EPIPE, as `smtpcfg lint | head` does).
 */
function reportLostOutput(failures: Map<NodeJS.WriteStream, NodeJS.ErrnoException>): void {
  process.exitCode = EXIT.usage;
  const stdout = failures.get(process.stdout);
  if (stdout === undefined || stdout.code === "EPIPE" || failures.has(process.stderr)) return;
  process.stderr.write(`smtpcfg: cannot write to standard output: ${fileErrorReason(stdout)}\n`);
}
