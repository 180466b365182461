/** Everything the CLI touches outside its arguments, so tests can run it in-process. */
export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
}

export interface OutputStream {
  write(text: string): void;
  isTTY?: boolean;
}

/**
 * Colour for what is written to `stream` (standard output unless said): only on a terminal,
 * never with NO_COLOR (https://no-color.org); FORCE_COLOR wins.
 */
export function useColor(io: Io, stream: OutputStream = io.stdout): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return Boolean(stream.isTTY) && !io.env.NO_COLOR;
}
