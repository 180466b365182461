import type { Formatter } from "./formatter.js";
import { displayFile } from "./relative.js";

/** The diagnostics themselves, one JSON document: a stable, documented shape for scripts. */
export const json: Formatter = (diagnostics, context) =>
  `${JSON.stringify(
    diagnostics.map((d) => ({ ...d, file: displayFile(d.file, context.cwd) })),
    null,
    2,
  )}\n`;
