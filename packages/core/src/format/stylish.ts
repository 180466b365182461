import { countBySeverity, type Diagnostic } from "../diagnostic.js";
import type { Formatter } from "./formatter.js";
import { displayFileLine } from "./relative.js";

type Style = "red" | "yellow" | "dim" | "underline" | "bold";
const CODES: Record<Style, [number, number]> = { red: [31, 39], yellow: [33, 39], dim: [2, 22], underline: [4, 24], bold: [1, 22] };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Findings grouped by file, aligned columns and a summary line (ESLint's default look). */
export const stylish: Formatter = (diagnostics, context) => {
  const paint = (style: Style, text: string) => (context.color ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const group = byFile.get(d.file);
    if (group) group.push(d);
    else byFile.set(d.file, [d]);
  }
  let out = "";
  for (const [file, group] of byFile) {
    const positions = group.map((d) => `${d.range.start.line}:${d.range.start.column}`);
    const width = Math.max(...positions.map((p) => p.length));
    out += `\n${paint("underline", displayFileLine(file, context.cwd))}\n`;
    group.forEach((d, i) => {
      const severity = d.severity === "error" ? paint("red", "error  ") : paint("yellow", "warning");
      out += `  ${paint("dim", (positions[i] ?? "").padEnd(width))}  ${severity}  ${d.message}  ${paint("dim", d.ruleId)}\n`;
    });
  }
  if (diagnostics.length === 0) return "";
  const { errors, warnings } = countBySeverity(diagnostics);
  const summary = `✖ ${plural(diagnostics.length, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  return `${out}\n${paint("bold", paint(errors > 0 ? "red" : "yellow", summary))}\n`;
};
