import { fstatSync } from "node:fs";
import { UsageError } from "@smtpcfg/core";
import { lintCommand } from "./commands/lint.js";
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
    // The lint command throws usage errors before it writes anything: main() runs it again and
    // prints the usage error with yargs's help text.
    if (error instanceof UsageError) return main();
    return reportFailure(error, io, plain.verbose);
  }
}

/**
 * The process's Io (cwd, env, stdout, stderr), with process.stdout and stderr only touched to
 * write something. Node builds them on first use, with the stream modules behind
 * them, a few milliseconds, and a clean lint writes nothing. `written` is what was written to.
 */
function lazyProcessIo(): { io: Io; written: Set<NodeJS.WriteStream> } {
  const written = new Set<NodeJS.WriteStream>();
  const writeTo = (stream: () => NodeJS.WriteStream) => (text: string) => {
    if (text === "") return;
    written.add(stream());
    stream().write(text);
  };
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    stdout: {
      write: writeTo(() => process.stdout),
      get isTTY() {
        return stdoutIsTerminal();
      },
    },
    stderr: { write: writeTo(() => process.stderr) },
  };
  return { io, written };
}

/** process.stdout.isTTY, without building process.stdout when it is a pipe or a file (a terminal is a character device). */
function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.stdout.isTTY === true;
}

/**
 * The bundle's entry (bin, then launcher, then this): sets the exit code without cutting output
 * short. Resolves to whether all output has reached the system (Linux writes pipes and files
 * synchronously; elsewhere a write may still be pending), so that the launcher may end the
 * process right away rather than wait for Node to tear its heap down, which takes a large lint
 * tens of milliseconds.
 */
export async function run(): Promise<{ flushed: boolean }> {
  const { io, written } = lazyProcessIo();
  process.exitCode = await runArgv(process.argv.slice(2), io);
  return { flushed: [...written].every((stream) => stream.writableLength === 0) };
}
