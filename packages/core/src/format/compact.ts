import type { Formatter } from "./formatter.js";
import { displayFileLine } from "./relative.js";

// A line break inside a message would split one finding over two lines and break grep and golden files.
const oneLine = (message: string) => message.replace(/\r\n|\r|\n/g, " ");

/** One line per finding, `file:line:col severity message [rule]`: for grep, editors and golden files. */
export const compact: Formatter = (diagnostics, context) =>
  diagnostics
    .map(
      (d) =>
        `${displayFileLine(d.file, context.cwd)}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${oneLine(d.message)} [${d.ruleId}]\n`,
    )
    .join("");
