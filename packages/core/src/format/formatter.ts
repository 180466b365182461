import type { Diagnostic } from "../diagnostic.js";

export interface FormatContext {
  /** Paths in output are shown relative to this folder. */
  cwd: string;
  /** Colour output (the CLI decides: a TTY and no NO_COLOR). */
  color: boolean;
  /** Version of the tool, for formats that record it. */
  toolVersion: string;
}

/** A pure function from findings to the text printed on stdout. */
export type Formatter = (diagnostics: readonly Diagnostic[], context: FormatContext) => string;
