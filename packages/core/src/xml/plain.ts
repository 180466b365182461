// The plain subset of XML: what nearly every notificationSettings file keeps to, and what the scan
// (scan.ts) checks on its way through a file so that such a file needs no parser at all. An
// optional declaration as Omada writes it, then one root element of ASCII names without prefixes,
// attributes once each, text and values with predefined entities only, and comments. Anything
// else, well-formed or not, is "not proven" and goes to a conforming parser: the subset only ever
// saves the parser a file it would accept, so every check here may be stricter than XML, never
// looser. A text that keeps to the subset up to one of a few common mistakes is as good as proven
// to fail there, as the parser would (see PlainMistake in scan.ts).

/** The one XML declaration the subset knows: what Omada writes, in its usual spellings. */
export const PLAIN_DECLARATION = /^<\?xml version=(["'])1\.0\1(?: encoding=(["'])(?:utf-8|UTF-8)\2)?\?>/;
const PREDEFINED_REFERENCE = /&(?:amp|lt|gt|quot|apos);/y;

/** A character outside the subset: outside XML's Char, a C1 control, or DEL. */
const UNUSUAL_CHARACTER = /[^\t\n\r\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Whether every character before `end` is in the subset (a regular expression, as it runs compiled from a program's first file on). */
export function plainCharacters(text: string, end = text.length): boolean {
  const unusual = text.search(UNUSUAL_CHARACTER);
  return unusual < 0 || unusual >= end;
}

/** A character code of a name's first character: an ASCII letter or "_". */
function isPlainNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/** A character code of a name's later characters: an ASCII letter, digit, "_", "." or "-" (never ":"). */
function isPlainNameChar(code: number): boolean {
  return isPlainNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d;
}

/** Whether the name from `start` to `end` is ASCII without a prefix, and does not start with "xml" (XML reserves those). */
export function plainElementName(text: string, start: number, end: number): boolean {
  if (!isPlainNameStart(text.charCodeAt(start))) return false;
  for (let i = start + 1; i < end; i++) if (!isPlainNameChar(text.charCodeAt(i))) return false;
  return !reserved(text, start, end);
}

function reserved(text: string, start: number, end: number): boolean {
  return (
    end - start >= 3 &&
    (text.charCodeAt(start) | 0x20) === 0x78 &&
    (text.charCodeAt(start + 1) | 0x20) === 0x6d &&
    (text.charCodeAt(start + 2) | 0x20) === 0x6c
  );
}

/** An attribute's name: as an element's, or `xmlns` (a default namespace). */
export function plainAttributeName(text: string, start: number, end: number): boolean {
  return plainElementName(text, start, end) || (end - start === 5 && text.startsWith("xmlns", start));
}

/** The first "&" from `from` to `to` that starts no predefined entity reference ending by `to`, or -1. */
export function firstLooseAmpersand(text: string, from: number, to: number): number {
  for (let amp = text.indexOf("&", from); amp >= 0 && amp < to; amp = text.indexOf("&", amp + 1)) {
    PREDEFINED_REFERENCE.lastIndex = amp;
    if (!PREDEFINED_REFERENCE.test(text) || PREDEFINED_REFERENCE.lastIndex > to) return amp;
  }
  return -1;
}
