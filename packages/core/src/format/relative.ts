import { isAbsolute, relative, sep } from "node:path";

/** A path as output shows it: relative to cwd when below it, with forward slashes. */
export function displayFile(file: string, cwd: string): string {
  const shown = isAbsolute(file) ? relative(cwd, file) : file;
  const inside = shown !== "" && !shown.startsWith("..") && !isAbsolute(shown);
  return (inside ? shown : file).split(sep).join("/");
}
