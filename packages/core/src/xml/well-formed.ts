import { SaxesParser } from "saxes";
import { applyEdits } from "../lint/edits.js";
import type { XmlDocument, XmlSyntaxError } from "./document.js";

/**
 * The first well-formedness error of the file once the mistakes the scan recognised (a broken
 * declaration, attributes written as text) are repaired, judged by a conforming XML parser.
 * Repairing first keeps one known mistake from burying the file under follow-on errors.
 */
export function firstSyntaxError(document: Omit<XmlDocument, "syntaxError">): XmlSyntaxError | undefined {
  const repairs = document.attributesAsText.map((found) => found.fix);
  if (document.declaration?.problem) repairs.push(document.declaration.problem.fix);
  const repaired = applyEdits(document.text, repairs);
  const parser = new SaxesParser({ xmlns: true, position: true });
  let found: XmlSyntaxError | undefined;
  parser.on("error", (error) => {
    if (found) return;
    const at = repaired.toOriginal(Math.max(0, parser.position - 1));
    found = {
      message: error.message.replace(/^\d+:\d+: /, "").replace(/\.$/, ""),
      span: { start: at, end: Math.min(at + 1, document.text.length) },
    };
  });
  try {
    parser.write(repaired.text).close();
  } catch {
    // saxes throws after reporting when it cannot go on; the first error is already recorded.
  }
  return found;
}
