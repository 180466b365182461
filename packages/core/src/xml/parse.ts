import type { XmlDocument } from "./document.js";
import { scan } from "./scan.js";
import { firstSyntaxError } from "./well-formed.js";

/** Reads an XML file for linting: a tolerant scan, then, unless the scan proved the text well-formed, the check of the repaired text. */
export function parseXml(text: string): XmlDocument {
  const scanned = scan(text);
  const { document } = scanned;
  if (scanned.provenWellFormed) return document;
  const syntaxError = firstSyntaxError(scanned);
  return syntaxError ? { ...document, syntaxError } : document;
}
