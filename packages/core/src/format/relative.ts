import { isAbsolute, relative, resolve, sep } from "node:path";

/** A path as output shows it: relative to cwd when below it, with forward slashes. */
export function displayFile(file: string, cwd: string): string {
  const shown = plainDisplay(file, cwd) ?? throughRelative(file, cwd);
  return sep === "/" ? shown : shown.split(sep).join("/");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is looked for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * displayFile with its control characters escaped (`\n`, `\u001b`), for the formats made of lines
 * of text for people and grep: a line break in a file's name split a finding over two lines, and an
 * escape sequence in it reached the terminal. json, sarif and github keep the name as it is.
 */
export function displayFileLine(file: string, cwd: string): string {
  return displayFile(file, cwd).replace(CONTROL, (char) => ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function throughRelative(file: string, cwd: string): string {
  const shown = isAbsolute(file) ? relative(cwd, file) : file;
  const inside = shown !== "" && !shown.startsWith("..") && !isAbsolute(shown);
  return inside ? shown : file;
}

/** An empty, `.` or `..` segment: a path that has one is not in its plainest form. */
const NOT_PLAIN = /(?:^|\/)\.{0,2}(?:\/|$)/;
let lastCwd: { cwd: string; prefix: string | undefined } = { cwd: "", prefix: undefined };

/**
 * What throughRelative gives when the file and cwd are plain POSIX paths (absolute, without `.`,
 * `..` or empty segments), without relative(), which resolves both paths on every call and was
 * most of a format's time with a finding in each of thousands of files: below cwd, the rest of the
 * file's path; anywhere else, where relative() starts with "..", the path as it is. Undefined for
 * other paths, which relative() is asked about.
 */
function plainDisplay(file: string, cwd: string): string | undefined {
  if (cwd !== lastCwd.cwd) {
    const plain = sep === "/" && resolve(cwd) === cwd;
    lastCwd = { cwd, prefix: plain ? (cwd === "/" ? cwd : `${cwd}/`) : undefined };
  }
  const { prefix } = lastCwd;
  if (prefix === undefined || !file.startsWith("/") || NOT_PLAIN.test(file.slice(1))) return undefined;
  if (!file.startsWith(prefix)) return file;
  const rest = file.slice(prefix.length);
  return rest.startsWith("..") ? file : rest;
}
