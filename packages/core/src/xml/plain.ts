import type { XmlElement } from "./document.js";

// The plain subset of XML: what nearly every notificationSettings file keeps to, and what the scan
// (scan.ts) checks on its way through a file so that such a file needs no parser at all. An
// optional declaration as Omada writes it, then one root element of ASCII names without prefixes,
// attributes once each, text and values with predefined entities only, and comments. Anything
// else, well-formed or not, is "not proven" and goes to a conforming parser: the subset only ever
// saves the parser a file it would accept, so every check here may be stricter than XML, never
// looser. A text that keeps to the subset up to one of a few common mistakes is as good as proven
// to fail there, as the parser would (see PlainMistake).

/** The one XML declaration the subset knows: what Omada writes, in its usual spellings. */
export const PLAIN_DECLARATION = /^<\?xml version=(["'])1\.0\1(?: encoding=(["'])(?:utf-8|UTF-8)\2)?\?>/;
const PREDEFINED_REFERENCE = /&(?:amp|lt|gt|quot|apos);/y;

/**
 * A mistake that alone keeps a text from the subset, of the kinds folders most often hold: what a
 * conforming parser reports first is then known from the scan (well-formed.ts says it as the
 * parser's error would be explained, without running one).
 */
export type PlainMistake =
  /** The text keeps to the subset but for "&"s that start no predefined entity; `at` is the first. */
  | { kind: "ampersand"; at: number }
  /** The text keeps to the subset up to an end tag, ending at `end`, that does not close the innermost of the elements `open`. */
  | { kind: "end tag"; end: number; open: readonly XmlElement[] }
  /** The text keeps to the subset, but ends with the elements `open` still open. */
  | { kind: "unclosed"; open: readonly XmlElement[] };

/** A character outside the subset: outside XML's Char, a C1 control, or DEL. */
const UNUSUAL_CHARACTER = /[^\t\n\r\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** A character other than printable ASCII, a tab or a line break. */
const NOT_ASCII = /[^\t\n\r\x20-\x7E]/;

/**
 * Whether the text is printable ASCII, tabs and line breaks only, as nearly every file is: all its
 * characters are in the subset, and every name in it is ASCII. A regular expression, as it runs
 * compiled from a program's first file on.
 */
export function plainAscii(text: string): boolean {
  return !NOT_ASCII.test(text);
}

/** Whether every character before `end` is in the subset. */
export function plainCharacters(text: string, end = text.length): boolean {
  const unusual = text.search(UNUSUAL_CHARACTER);
  return unusual < 0 || unusual >= end;
}

/**
 * Whether a name as the scan reads it (scan.ts, readName) is ASCII without a prefix, and does not
 * start with "xml" (XML reserves those). In an ASCII text, every name is ASCII.
 */
export function plainElementName(name: string, asciiText: boolean): boolean {
  if (name.includes(":") || reserved(name)) return false;
  if (!asciiText) for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) >= 0x80) return false;
  return true;
}

function reserved(name: string): boolean {
  return (
    name.length >= 3 && (name.charCodeAt(0) | 0x20) === 0x78 && (name.charCodeAt(1) | 0x20) === 0x6d && (name.charCodeAt(2) | 0x20) === 0x6c
  );
}

/** An attribute's name: as an element's, or `xmlns` (a default namespace). */
export function plainAttributeName(name: string, asciiText: boolean): boolean {
  return name === "xmlns" || plainElementName(name, asciiText);
}

/** The first "&" from `from` to `to` that starts no predefined entity reference ending by `to`, or -1. */
export function firstLooseAmpersand(text: string, from: number, to: number): number {
  for (let amp = text.indexOf("&", from); amp >= 0 && amp < to; amp = text.indexOf("&", amp + 1)) {
    PREDEFINED_REFERENCE.lastIndex = amp;
    if (!PREDEFINED_REFERENCE.test(text) || PREDEFINED_REFERENCE.lastIndex > to) return amp;
  }
  return -1;
}
