import type { XmlDocument } from "./document.js";
import { scan } from "./scan.js";
import { firstSyntaxError } from "./well-formed.js";

/** Reads an XML file for linting: a tolerant scan, then, unless the scan proved the text well-formed, the check of the repaired text. */
export function parseXml(text: string): XmlDocument {
  const { document, provenWellFormed } = scan(text);
  if (provenWellFormed) return document;
  const syntaxError = firstSyntaxError(document);
  return syntaxError ? { ...document, syntaxError } : document;
}
