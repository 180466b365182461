import { isAbsolute, relative, resolve, sep } from "node:path";

/** A path as output shows it: relative to cwd when below it, with forward slashes. */
export function displayFile(file: string, cwd: string): string {
  const shown = plainlyBelow(file, cwd) ?? (isAbsolute(file) ? relative(cwd, file) : file);
  const inside = shown !== "" && !shown.startsWith("..") && !isAbsolute(shown);
  const display = inside ? shown : file;
  return sep === "/" ? display : display.split(sep).join("/");
}

/** An empty, `.` or `..` segment: a path that has one is not in its plainest form. */
const NOT_PLAIN = /(?:^|\/)\.{0,2}(?:\/|$)/;
let lastCwd: { cwd: string; prefix: string | undefined } = { cwd: "", prefix: undefined };

/**
 * What relative(cwd, file) gives for a file below cwd when both are plain POSIX paths (absolute,
 * without `.`, `..` or empty segments): the rest of the file's path, which is cut off without
 * relative's resolving of both paths, the most of a format's time for a finding in each of
 * thousands of files. Undefined for any other path, which relative() is asked about.
 */
function plainlyBelow(file: string, cwd: string): string | undefined {
  if (cwd !== lastCwd.cwd) {
    const plain = sep === "/" && resolve(cwd) === cwd;
    lastCwd = { cwd, prefix: plain ? (cwd === "/" ? cwd : `${cwd}/`) : undefined };
  }
  const { prefix } = lastCwd;
  if (prefix === undefined || !file.startsWith(prefix)) return undefined;
  const rest = file.slice(prefix.length);
  return NOT_PLAIN.test(rest) ? undefined : rest;
}
