import type { Formatter } from "./formatter.js";
import { displayFile } from "./relative.js";

/** One line per finding, `file:line:col severity message [rule]`: for grep, editors and golden files. */
export const compact: Formatter = (diagnostics, context) =>
  diagnostics
    .map(
      (d) => `${displayFile(d.file, context.cwd)}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.message} [${d.ruleId}]\n`,
    )
    .join("");
