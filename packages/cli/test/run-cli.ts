import { main } from "../src/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as the bin would with a real process. */
export async function runCli(
  argv: string[],
  options: { cwd: string; env?: Record<string, string>; tty?: boolean; stderrTty?: boolean },
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd: options.cwd,
    env: options.env ?? {},
    stdout: {
      write: (text) => {
        stdout += text;
      },
      isTTY: options.tty ?? false,
    },
    stderr: {
      write: (text) => {
        stderr += text;
      },
      isTTY: options.stderrTty ?? false,
    },
  });
  return { code, stdout, stderr };
}
