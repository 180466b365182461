/** Everything the CLI touches outside its arguments, so tests can run it in-process. */
export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): void; isTTY?: boolean };
  stderr: { write(text: string): void };
}

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org); FORCE_COLOR wins. */
export function useColor(io: Io): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
}
