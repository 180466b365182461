import { readFileSync, statSync } from "node:fs";
import { type Diagnostic, decodeSource, InputError, oversizeDiagnostic, type SourceText } from "@smtpcfg/core";

/** A file's text, or the one diagnostic that says why it is not text we can lint. */
export function readSource(path: string): { source: SourceText } | { diagnostic: Diagnostic } {
  try {
    const oversize = oversizeDiagnostic(path, statSync(path).size);
    if (oversize) return { diagnostic: oversize };
    const decoded = decodeSource(path, readFileSync(path));
    return decoded.ok ? { source: decoded.source } : { diagnostic: decoded.diagnostic };
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
