import { compareText } from "./text/compare.js";

/** A 1-based line and column; `column` counts UTF-16 code units, as editors and SARIF do. */
export interface Position {
  line: number;
  column: number;
}

/** `end` is exclusive: the position just after the last character of the finding. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = "error" | "warning";

/** Replace the text between two 0-based offsets of the file. */
export interface Fix {
  offset: number;
  length: number;
  text: string;
}

/** One finding of any kind, parse errors included: the only thing formatters ever see. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  fix?: Fix;
  docsUrl?: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareText(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const diagnostic of diagnostics) if (diagnostic.severity === "error") errors++;
  return { errors, warnings: diagnostics.length - errors };
}
