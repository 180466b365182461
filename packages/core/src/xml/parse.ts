import type { XmlDocument } from "./document.js";
import { scanXml } from "./scan.js";
import { firstSyntaxError } from "./well-formed.js";

/** Reads an XML file for linting: a tolerant scan, then the well-formedness check of the repaired text. */
export function parseXml(text: string): XmlDocument {
  const scanned = scanXml(text);
  const syntaxError = firstSyntaxError(scanned);
  return syntaxError ? { ...scanned, syntaxError } : scanned;
}
