import type { Formatter } from "./formatter.js";
import { displayFile } from "./relative.js";

// Workflow commands need their data and properties escaped, or a message with a newline or a
// comma would end the annotation early.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request. */
export const github: Formatter = (diagnostics, context) =>
  diagnostics
    .map((d) => {
      const level = d.severity === "error" ? "error" : "warning";
      const properties = [
        `file=${escapeProperty(displayFile(d.file, context.cwd))}`,
        `line=${d.range.start.line}`,
        `col=${d.range.start.column}`,
        `endLine=${d.range.end.line}`,
        `endColumn=${d.range.end.column}`,
        `title=${escapeProperty(`smtpcfg ${d.ruleId}`)}`,
      ].join(",");
      return `::${level} ${properties}::${escapeData(d.message)}\n`;
    })
    .join("");
