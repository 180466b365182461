import { SaxesParser } from "saxes";
import { applyEdits } from "../lint/edits.js";
import { LineIndex } from "../text/line-index.js";
import { listAnd } from "../text/quote.js";
import { generalEntityNames, readDoctype } from "./doctype.js";
import type { Span, XmlAttribute, XmlDocument, XmlElement, XmlSyntaxError } from "./document.js";
import type { PlainMistake } from "./plain.js";
import { readName, type Scan, scan, skipSpace } from "./scan.js";
import { ELEMENTS } from "./vocabulary.js";

// The first well-formedness error, judged by a conforming parser (saxes), then explained: saxes
// says "unexpected close tag." one character after the end tag; users need to read which tag is
// open, where it started and what to write instead. Positions are found in the text and in the
// tolerant scan; messages never quote attribute values, which may be secrets.

/** A start tag saxes has read, by where its `<` is in the parsed (repaired) text. */
interface OpenTag {
  name: string;
  offset: number;
}

/** What saxes reported first, and its own state at that moment. */
interface ParserError {
  /** saxes's message without its position prefix and final full stop. */
  reason: string;
  /** saxes's offset just after the character that gave the error away. */
  position: number;
  /** The start tags open at that moment, outermost first. */
  open: OpenTag[];
  /** The last element closed (for "unexpected close tag": the one the end tag does not match). */
  lastClosed?: OpenTag;
  /** saxes is inside a start tag (between its name and its `>`). */
  inStartTag: boolean;
  root?: OpenTag;
  rootClosed: boolean;
  /** Where the root element's end tag ends, once it has. */
  rootEnd?: number;
}

/**
 * saxes's first error in a text. Entities the DOCTYPE declares are known to it as empty text: their
 * references are well-formed, and nothing they stand for is ever expanded (saxes reads no DTD).
 */
function parserError(text: string, declaredEntities: ReadonlySet<string>): ParserError | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  for (const name of declaredEntities) parser.ENTITIES[name] = "";
  const open: OpenTag[] = [];
  let lastClosed: OpenTag | undefined;
  let inStartTag = false;
  let root: OpenTag | undefined;
  let rootClosed = false;
  let rootEnd: number | undefined;
  let first: ParserError | undefined;
  parser.on("opentagstart", (tag) => {
    const opened = { name: tag.name, offset: text.lastIndexOf("<", parser.position - 1) };
    open.push(opened);
    root ??= opened;
    inStartTag = true;
  });
  parser.on("opentag", () => {
    inStartTag = false;
  });
  parser.on("closetag", () => {
    lastClosed = open.pop();
    if (open.length === 0 && !rootClosed) [rootClosed, rootEnd] = [true, parser.position];
  });
  parser.on("error", (error) => {
    first = {
      reason: error.message.replace(/^\d+:\d+: /, "").replace(/\.$/, ""),
      position: parser.position,
      open: [...open],
      inStartTag,
      rootClosed,
      ...(lastClosed ? { lastClosed } : {}),
      ...(root ? { root } : {}),
      ...(rootEnd === undefined ? {} : { rootEnd }),
    };
    // Only the first error is explained: parsing on would cost an Error object (with its stack) per
    // later error, thousands in a damaged file.
    throw error;
  });
  try {
    parser.write(text).close();
  } catch {
    // Thrown by the handler above, or by saxes when it cannot go on: the first error is recorded.
  }
  return first;
}

const REFERENCE = /&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_:][-A-Za-z0-9_:.]*);/y;

/** What a lexical pass finds that saxes reports late or vaguely: a bare `&`, and a construct the file ends inside. */
interface Lexical {
  /** A `&` that starts no entity or character reference (saxes reads on to the next `;`). */
  ampersand?: number;
  /** The construct the file ends inside, and where it starts. */
  unterminated?: { construct: Construct; start: number; tagStart?: number };
}

type Construct = "comment" | "cdata" | "pi" | "doctype" | "tag" | "end tag" | "value";

function isBareAmpersand(text: string, at: number): boolean {
  REFERENCE.lastIndex = at;
  return !REFERENCE.test(text);
}

function lexical(text: string): Lexical {
  const found: Lexical = {};
  const ampersand = (at: number) => {
    if (found.ampersand === undefined && isBareAmpersand(text, at)) found.ampersand = at;
  };
  const skipTo = (lt: number, from: number, close: string, construct: Construct): number => {
    const at = text.indexOf(close, from);
    if (at >= 0) return at + close.length;
    found.unterminated ??= { construct, start: lt };
    return text.length;
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const stop = lt < 0 ? text.length : lt;
    for (let amp = text.indexOf("&", i); amp >= 0 && amp < stop; amp = text.indexOf("&", amp + 1)) ampersand(amp);
    if (lt < 0) break;
    if (text.startsWith("<!--", lt)) i = skipTo(lt, lt + 4, "-->", "comment");
    else if (text.startsWith("<![CDATA[", lt)) i = skipTo(lt, lt + 9, "]]>", "cdata");
    else if (text.startsWith("<?", lt)) i = skipTo(lt, lt + 2, "?>", "pi");
    else if (text.startsWith("<!", lt)) i = skipTo(lt, lt + 2, ">", "doctype");
    else if (text.startsWith("</", lt)) i = skipTo(lt, lt + 2, ">", "end tag");
    else i = startTag(text, lt, found, ampersand);
  }
  return found;
}

/** Reads a start tag (quotes respected) and returns where it ends; a `<` outside quotes ends it early. */
function startTag(text: string, lt: number, found: Lexical, ampersand: (at: number) => void): number {
  let quote: string | undefined;
  let valueStart = 0;
  for (let j = lt + 1; j < text.length; j++) {
    const char = text[j];
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "&") ampersand(j);
    } else if (char === '"' || char === "'") [quote, valueStart] = [char, j];
    else if (char === ">") return j + 1;
    else if (char === "<") return j;
  }
  found.unterminated ??= quote ? { construct: "value", start: valueStart, tagStart: lt } : { construct: "tag", start: lt };
  return text.length;
}

/** Everything an explanation needs: the parsed text, the original text and the scan of it. */
class Explainer {
  readonly lines: LineIndex;

  constructor(
    readonly document: Omit<XmlDocument, "syntaxError">,
    readonly text: string,
    readonly toOriginal: (offset: number) => number,
  ) {
    this.lines = new LineIndex(document.text);
  }

  /** The line (1-based) of an offset of the parsed text. */
  line(offset: number): number {
    return this.lines.position(this.toOriginal(offset)).line;
  }

  /** A span of the parsed text, as a span of the original. */
  span(start: number, end: number): Span {
    const from = this.toOriginal(Math.max(0, Math.min(start, this.text.length)));
    const to = this.toOriginal(Math.max(0, Math.min(end, this.text.length)));
    return { start: from, end: Math.max(from, to) };
  }

  /** The scanned element whose start tag begins at an offset of the parsed text. */
  elementAt(offset: number): XmlElement | undefined {
    const original = this.toOriginal(offset);
    return this.document.elements.find((element) => element.tagSpan.start === original);
  }

  /** The attribute whose value holds an offset of the parsed text, with its element. */
  valueAt(offset: number): { element: XmlElement; attribute: XmlAttribute } | undefined {
    const original = this.toOriginal(offset);
    for (const element of this.document.elements) {
      if (original < element.tagSpan.start) break;
      for (const attribute of element.attributes) {
        if (attribute.valueSpan.start <= original && original <= attribute.valueSpan.end) return { element, attribute };
      }
    }
    return undefined;
  }

  /** The span of the last non-blank character, where a missing end belongs. */
  endOfFile(): Span {
    let end = this.text.length;
    while (end > 0 && /\s/.test(this.text[end - 1] as string)) end--;
    return this.span(Math.max(0, end - 1), end);
  }

  tag(open: OpenTag): string {
    return `<${open.name}> (line ${this.line(open.offset)})`;
  }
}

type Explained = Omit<XmlSyntaxError, "span"> & { span: Span };

const NOTHING_OUTSIDE = "an XML file has exactly one root element, with nothing but comments and blank lines around it";

function explainAmpersand(x: Explainer, at: number): Explained {
  const inValue = x.valueAt(at);
  if (x.text.startsWith("&#", at)) {
    const where = inValue ? `in the value of ${inValue.attribute.name} on <${inValue.element.name}>` : `on line ${x.line(at)}`;
    return {
      message: `a malformed character reference ${where}: write &#NNN; (decimal) or &#xHHH; (hexadecimal), ending with ";"`,
      span: x.span(at, at + 2),
    };
  }
  const what = inValue
    ? `the value of ${inValue.attribute.name} on <${inValue.element.name}> has a "&" that starts no entity`
    : `a "&" that starts no entity (line ${x.line(at)})`;
  return {
    message: `${what}: XML reads "&" as the start of a reference such as "&amp;", so a parser rejects the file; write a literal "&" as "&amp;"`,
    span: x.span(at, at + 1),
  };
}

const HTML_ENTITIES: Record<string, number> = {
  nbsp: 160,
  copy: 169,
  reg: 174,
  deg: 176,
  middot: 183,
  laquo: 171,
  raquo: 187,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  ldquo: 8220,
  rdquo: 8221,
  bull: 8226,
  hellip: 8230,
  euro: 8364,
  trade: 8482,
};

function explainEntity(x: Explainer, error: ParserError): Explained {
  const at = x.text.lastIndexOf("&", error.position - 1);
  const end = x.text.indexOf(";", at) + 1 || error.position;
  const name = x.text.slice(at + 1, end - 1);
  const inValue = x.valueAt(at);
  const predefined = "XML predefines only &amp;, &lt;, &gt;, &quot; and &apos;";
  const span = x.span(at, end);
  if (inValue) {
    return {
      message: `the value of ${inValue.attribute.name} on <${inValue.element.name}> has an entity reference XML does not define (${predefined}); if the "&" is part of the value, write it as "&amp;"`,
      span,
    };
  }
  const html = HTML_ENTITIES[name];
  const instead =
    html === undefined ? `write the character itself, or a character reference such as "&#160;"` : `write "&#${html};" instead`;
  return { message: `"&${name};" is an HTML entity, not an XML one (${predefined}): ${instead}`, span };
}

/** A close tag that ends where saxes stopped: its name and span in the parsed text. */
function closeTagBefore(x: Explainer, position: number): { name: string; start: number; end: number } {
  const start = x.text.lastIndexOf("</", position - 1);
  const name = x.text.slice(start + 2, readName(x.text, start + 2));
  return { name, start, end: position };
}

function explainCloseTag(x: Explainer, error: ParserError): Explained {
  const close = closeTagBefore(x, error.position);
  const span = x.span(close.start, close.end);
  const open = error.lastClosed;
  if (!open) return { message: `end tag </${close.name}> matches no open element: remove it`, span };
  const outer = error.open.findLast((tag) => tag.name === close.name);
  if (outer) {
    return {
      message: `${x.tag(open)} is never closed: </${close.name}> on line ${x.line(close.start)} ends <${close.name}> (line ${x.line(outer.offset)}) around it first; add </${open.name}> before it, or end the start tag with "/>" if <${open.name}> has no content`,
      span,
    };
  }
  return {
    message: `end tag </${close.name}> does not match the element open here, ${x.tag(open)}: an end tag repeats its start tag's name exactly (names are case-sensitive); write </${open.name}>, or correct the start tag`,
    span,
  };
}

function explainUnmatched(x: Explainer, error: ParserError): Explained {
  const close = closeTagBefore(x, error.position);
  const span = x.span(close.start, close.end);
  if (error.rootClosed && error.root) {
    return {
      message: `end tag </${close.name}> comes after the root element <${error.root.name}> has ended, and matches no start tag: remove it`,
      span,
    };
  }
  return {
    message: `end tag </${close.name}> matches no start tag: remove it, or add the start tag <${close.name}> where the element begins`,
    span,
  };
}

function explainEnd(x: Explainer, error: ParserError, lex: Lexical): Explained {
  const cut = lex.unterminated;
  if (cut) {
    const line = x.line(cut.start);
    const span = x.span(cut.start, cut.start + 1);
    switch (cut.construct) {
      case "comment":
        return { message: `the comment that starts on line ${line} is never closed: the file ends inside it; end it with "-->"`, span };
      case "cdata":
        return {
          message: `the CDATA section that starts on line ${line} is never closed: the file ends inside it; end it with "]]>"`,
          span,
        };
      case "pi":
        return { message: `the processing instruction on line ${line} is never closed: the file ends inside it; end it with "?>"`, span };
      case "doctype":
        return { message: `the <!DOCTYPE> on line ${line} is never closed: the file ends inside it; end it with ">"`, span };
      case "value": {
        const tagStart = cut.tagStart ?? cut.start;
        const name = x.text.slice(tagStart + 1, readName(x.text, tagStart + 1));
        const attribute = /([^\s=<>"']+)\s*=\s*$/.exec(x.text.slice(tagStart, cut.start))?.[1];
        return {
          message: `the value of ${attribute ?? "an attribute"} on <${name}> (line ${x.line(tagStart)}) has no closing quote: the file ends inside it; add the closing quote and ">"`,
          span: x.span(cut.start, cut.start + 1),
        };
      }
      case "tag":
      case "end tag": {
        const name = x.text.slice(
          cut.start + (cut.construct === "tag" ? 1 : 2),
          readName(x.text, cut.start + (cut.construct === "tag" ? 1 : 2)),
        );
        const written = cut.construct === "tag" ? `<${name}` : `</${name}`;
        return {
          message: `the tag ${written} on line ${line} is cut off: the file ends before its ">"; finish the tag, or restore the end of the file`,
          span,
        };
      }
    }
  }
  const open = error.open;
  const closing = open.map((tag) => `</${tag.name}>`).reverse();
  if (open.length === 1) {
    const only = open[0] as OpenTag;
    return {
      message: `${x.tag(only)} is never closed: the file ends before its end tag; add </${only.name}> at the end (a file cut off while copying ends like this)`,
      span: x.endOfFile(),
    };
  }
  return {
    message: `the file ends while ${listAnd(open.map((tag) => x.tag(tag)).reverse())} are still open: add ${closing.join("")} at the end, or restore the end of the file if it was cut off`,
    span: x.endOfFile(),
  };
}

/** The first character outside markup from an offset on, skipping blanks, comments, processing instructions and a DOCTYPE. */
function textFrom(text: string, from: number): number | undefined {
  let i = from;
  for (;;) {
    i = skipSpace(text, i);
    const close = text.startsWith("<?", i) ? "?>" : text.startsWith("<!--", i) ? "-->" : text.startsWith("<!", i) ? ">" : undefined;
    if (close === undefined) return i < text.length && (text[i] !== "<" || readName(text, i + 1) === i + 1) ? i : undefined;
    const end = text.indexOf(close, i + 2);
    if (end < 0) return undefined;
    i = end + close.length;
  }
}

function explainOutsideRoot(x: Explainer, error: ParserError): Explained {
  const after = error.rootClosed && error.rootEnd !== undefined;
  const start = textFrom(x.text, after ? (error.rootEnd as number) : 0) ?? Math.max(0, Math.min(error.position, x.text.length) - 1);
  const lineEnd = x.text.slice(start).search(/[\r\n]/);
  let end = lineEnd < 0 ? x.text.length : start + lineEnd;
  while (end > start + 1 && /\s/.test(x.text[end - 1] as string)) end--;
  const span = x.span(start, Math.max(end, start + 1));
  if (!after || !error.root) return { message: `text before the root element: ${NOTHING_OUTSIDE}; remove it`, span };
  return {
    message: `text after the end of the root element <${error.root.name}> (line ${x.line(error.root.offset)}): ${NOTHING_OUTSIDE}; remove it, or move it inside <${error.root.name}>`,
    span,
  };
}

function explainSecondRoot(x: Explainer, error: ParserError): Explained {
  const start = x.text.lastIndexOf("<", error.position - 1);
  const nameEnd = readName(x.text, start + 1);
  const name = x.text.slice(start + 1, nameEnd);
  const root = error.root ? `<${error.root.name}> (line ${x.line(error.root.offset)})` : "the root element";
  if (error.root?.name === name) {
    return {
      message: `<${name}> starts a second copy of the root element ${root}, which has already ended: ${NOTHING_OUTSIDE}; remove the second copy, or merge what it holds into the first`,
      span: x.span(start + 1, nameEnd),
    };
  }
  return {
    message: `<${name}> is a second root element: ${root} has already ended, and ${NOTHING_OUTSIDE}; move <${name}> inside it, or remove it`,
    span: x.span(start + 1, nameEnd),
  };
}

function explainDuplicate(x: Explainer, error: ParserError, name: string): Explained | undefined {
  const tag = error.open.at(-1);
  const element = tag === undefined ? undefined : x.elementAt(tag.offset);
  if (!element) return undefined;
  const local = name.replace(/^\{[^}]*\}/, "");
  const same = element.attributes.filter((attribute) => attribute.name === local || attribute.name.endsWith(`:${local}`));
  const [first, second] = same;
  if (!first || !second) return undefined;
  return {
    message: `attribute ${second.name} is written twice on <${element.name}> (first on line ${x.lines.position(first.nameSpan.start).line}): XML allows each attribute once per element, so a parser rejects the file; keep the one you mean and remove the other`,
    span: second.nameSpan,
  };
}

function explainPrefix(x: Explainer, error: ParserError, prefix: string): Explained | undefined {
  const tag = error.open.at(-1);
  const element = tag === undefined ? undefined : x.elementAt(tag.offset);
  if (!element) return undefined;
  const declare = `declare it with xmlns:${prefix}="…" on this element or one around it, or write the name without the prefix`;
  if (element.name.startsWith(`${prefix}:`)) {
    return { message: `the prefix ${prefix} of <${element.name}> is not declared: ${declare}`, span: element.nameSpan };
  }
  const attribute = element.attributes.find((candidate) => candidate.name.startsWith(`${prefix}:`));
  if (!attribute) return undefined;
  return {
    message: `the prefix ${prefix} of attribute ${attribute.name} on <${element.name}> is not declared: ${declare}`,
    span: attribute.nameSpan,
  };
}

const KNOWN_ATTRIBUTES = Object.values(ELEMENTS).flatMap((element) => element.attributes);

/**
 * An attribute name as a message shows it. When `="` is lost, a name runs on into the value
 * (clientSecretZq8…): only the known attribute it starts with is shown, never the rest.
 */
function shown(name: string): string {
  const known = KNOWN_ATTRIBUTES.find((attribute) => name.startsWith(attribute) && name !== attribute);
  if (known !== undefined) return `${known}…`;
  return name.length > 40 ? `${name.slice(0, 20)}…` : name;
}

/** An attribute name and its "=" and opening quote, right after a value: the space between them is all that is missing. */
const NEXT_ATTRIBUTE = /^[A-Za-z_:][-A-Za-z0-9_:.]*\s*=\s*["']/;

/** The first mistake in a start tag, found by reading it again: saxes's messages for these are the vaguest. */
function explainStartTag(x: Explainer, lt: number): Explained | undefined {
  const { text } = x;
  const nameEnd = readName(text, lt + 1);
  const tag = `<${text.slice(lt + 1, nameEnd)}>`;
  const unexpected = (at: number): Explained => ({
    message: `unexpected ${JSON.stringify(text[at])} in the start tag ${tag} (line ${x.line(lt)}): a start tag holds only its name and attributes written name="value"`,
    span: x.span(at, at + 1),
  });
  const notClosed = (at: number): Explained => ({
    message: `the start tag ${tag} (line ${x.line(lt)}) has no ">" or "/>" before the next "<" on line ${x.line(at)}: end the tag where its attributes end`,
    span: x.span(at, at + 1),
  });
  let i = nameEnd;
  let previous: string | undefined;
  for (;;) {
    const at = skipSpace(text, i);
    const spaced = at > i;
    const char = text[at];
    if (char === undefined || char === ">" || text.startsWith("/>", at)) return undefined;
    if (char === "<") return notClosed(at);
    if (char === "/") {
      return {
        message: `a "/" inside the start tag ${tag} must be followed directly by ">" (as in "/>"): remove it or the space after it`,
        span: x.span(at, at + 1),
      };
    }
    const attributeEnd = readName(text, at);
    if (attributeEnd === at) return unexpected(at);
    const name = shown(text.slice(at, attributeEnd));
    const nameSpan = x.span(at, attributeEnd);
    if (previous !== undefined && !spaced) {
      return { message: `attributes ${previous} and ${name} on ${tag} need a space between them`, span: nameSpan };
    }
    const equals = skipSpace(text, attributeEnd);
    const sign = text[equals];
    if (sign !== "=") {
      if (sign === '"' || sign === "'")
        return { message: `attribute ${name} on ${tag} has no "=" before its value: write ${name}="…"`, span: nameSpan };
      if (sign === "<") return notClosed(equals);
      if (sign !== undefined && sign !== ">" && !text.startsWith("/>", equals) && equals === attributeEnd) return unexpected(equals);
      return {
        message: `attribute ${name} on ${tag} has no value: XML needs ${name}="…" (an attribute without "=" is HTML, not XML)`,
        span: nameSpan,
      };
    }
    const open = skipSpace(text, equals + 1);
    const quote = text[open];
    if (quote !== '"' && quote !== "'") {
      let end = open;
      while (end < text.length && !/[\s>]/.test(text[end] as string) && !text.startsWith("/>", end)) end++;
      return {
        message: `the value of ${name} on ${tag} is not in quotes: XML needs ${name}="…"`,
        span: x.span(open, Math.max(end, open + 1)),
      };
    }
    const close = text.indexOf(quote, open + 1);
    const value = close < 0 ? text.slice(open + 1) : text.slice(open + 1, close);
    const after = close < 0 ? undefined : text[close + 1];
    if (after !== undefined && !/[\r\n]/.test(value) && NEXT_ATTRIBUTE.test(text.slice(close + 1, close + 200))) {
      const next = shown(text.slice(close + 1, readName(text, close + 1)));
      return {
        message: `attributes ${name} and ${next} on ${tag} need a space between them`,
        span: x.span(close + 1, close + 1 + next.length),
      };
    }
    // A letter, digit or quote right after the closing quote: the value goes on, so a quote is missing or extra.
    const continues = after !== undefined && /[\p{L}\p{N}"'.:_-]/u.test(after);
    if (close < 0 || /[\r\n]/.test(value) || continues) {
      const other = quote === '"' ? "'" : '"';
      const why = value.includes(other)
        ? `it opens with ${quote} but seems to end with ${other}; use the same quote on both sides`
        : `is a quote missing around it?`;
      return { message: `the value of ${name} on ${tag} (line ${x.line(open)}) does not end where it should: ${why}`, span: nameSpan };
    }
    if (value.includes("<")) {
      return {
        message: `the value of ${name} on ${tag} holds a "<", which XML does not allow in attribute values: write it as "&lt;"`,
        span: nameSpan,
      };
    }
    if (after === "<") return notClosed(close + 1);
    if (after !== undefined && !/[\s>/]/.test(after)) return unexpected(close + 1);
    previous = name;
    i = close + 1;
  }
}

/** The `<?xml …?>` that holds an offset of the parsed text, if any. */
function declarationAt(x: Explainer, position: number): { start: number; end: number } | undefined {
  const start = x.text.lastIndexOf("<?", position - 1);
  if (start < 0 || x.text.slice(start + 2, start + 5).toLowerCase() !== "xml" || readName(x.text, start + 2) !== start + 5)
    return undefined;
  const close = x.text.indexOf("?>", start);
  if (close >= 0 && close + 2 < position) return undefined;
  return { start, end: close < 0 ? position : close + 2 };
}

/** What saxes's complaints about a declaration mean, in words. */
const DECLARATION_MISTAKES: [RegExp, string][] = [
  [/^expected one of|^expected the name|did not expect any more/, "only version, encoding and standalone may appear in it, in that order"],
  [/^value must be quoted/, "its values must be in quotes"],
  [/^value required|is incomplete/, 'each of its parts is written name="value"'],
  [/^whitespace required/, "its parts need spaces between them"],
  [/character \? is disallowed/, 'it holds a "?" before its end'],
];

function explainDeclaration(x: Explainer, error: ParserError, declaration: { start: number; end: number }): Explained {
  const span = x.span(declaration.start, declaration.end);
  const base = { span, declaration: true as const };
  const written = x.text.slice(declaration.start + 2, declaration.start + 5);
  const first = x.document.declaration?.span.start === x.toOriginal(declaration.start);
  const canonical = `<?xml version="1.0" encoding="utf-8"?>`;
  if (/must (be|appear) at the start/.test(error.reason)) {
    if (!first) {
      return {
        ...base,
        message: `a second XML declaration (line ${x.line(declaration.start)}): a file has at most one, at its very start; remove this one`,
      };
    }
    if (written !== "xml") {
      return {
        ...base,
        message: `the XML declaration must be written "<?xml", in lower case: XML reserves the name, and reads "<?${written}" as a misplaced declaration`,
      };
    }
    return {
      ...base,
      message: `the XML declaration is not at the very start of the file: XML allows nothing before it, not even a comment; move it to the first line`,
    };
  }
  if (/version/.test(error.reason) && /must contain|expected/.test(error.reason)) {
    return { ...base, message: `the XML declaration has no version: it must start with <?xml version="1.0"` };
  }
  if (error.reason.startsWith("version number")) return { ...base, message: `the XML declaration's version must be "1.0"` };
  if (error.reason.startsWith("encoding value")) {
    return {
      ...base,
      message: `the XML declaration's encoding is not an encoding name: write encoding="utf-8" (or the encoding the file is saved in)`,
    };
  }
  if (error.reason.startsWith("standalone value")) return { ...base, message: `the XML declaration's standalone must be "yes" or "no"` };
  const what = DECLARATION_MISTAKES.find(([pattern]) => pattern.test(error.reason))?.[1] ?? "it is not written as XML requires";
  return { ...base, message: `the XML declaration is malformed: ${what}; write it as ${canonical}` };
}

function explainComment(x: Explainer, error: ParserError): Explained {
  const start = x.text.lastIndexOf("<!--", error.position - 1);
  const dashes = x.text.indexOf("--", start + 4);
  const at = dashes < 0 ? error.position - 1 : dashes;
  return {
    message: `a comment holds "--" (line ${x.line(at)}): XML allows two dashes in a comment only in its end "-->"; remove them, or put a space between them`,
    span: x.span(at, at + 2),
  };
}

function explainLessThan(x: Explainer, error: ParserError): Explained {
  const at = x.text.lastIndexOf("<", error.position - 1);
  const nameEnd = readName(x.text, at + 1);
  if (nameEnd > at + 1) {
    return {
      message: `unexpected ${JSON.stringify(x.text[nameEnd])} in the tag name <${x.text.slice(at + 1, nameEnd)}…: a name holds only letters, digits, ".", "-", "_" and ":", and ends with a space, ">" or "/>"`,
      span: x.span(nameEnd, nameEnd + 1),
    };
  }
  const next = x.text[at + 1];
  const spaced = next !== undefined && /\s/.test(next);
  return {
    message: spaced
      ? `a "<" followed by a space starts no tag: remove the space if it is a tag, or write a literal "<" as "&lt;"`
      : `a "<" that starts no tag: a tag name begins with a letter or "_"; write a literal "<" as "&lt;"`,
    span: x.span(at, at + 1),
  };
}

function explainCharacter(x: Explainer, error: ParserError): Explained {
  const at = error.position - 1;
  const code = x.text.codePointAt(at) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return {
    message: `a character XML does not allow (${hex}, line ${x.line(at)}): control characters other than tab and line breaks cannot appear in an XML file, not even as references; remove it`,
    span: x.span(at, at + 1),
  };
}

function explain(x: Explainer, error: ParserError, lex: Lexical): Explained {
  const { reason, position } = error;
  const here = x.span(Math.max(0, position - 1), position);
  const declaration = declarationAt(x, position);
  if (declaration) return explainDeclaration(x, error, declaration);
  const startTag = error.inStartTag ? error.open.at(-1) : undefined;
  if (startTag && /attribute|whitespace between|forward-slash|^disallowed character$|unexpected end/.test(reason)) {
    const found = explainStartTag(x, startTag.offset);
    if (found) return found;
  }
  if (reason === "unexpected close tag") return explainCloseTag(x, error);
  if (reason.startsWith("unmatched closing tag")) return explainUnmatched(x, error);
  if (reason.startsWith("unclosed tag") || reason === "unexpected end") return explainEnd(x, error, lex);
  if (reason === "text data outside of root node") return explainOutsideRoot(x, error);
  if (reason === "documents may contain only one root") return explainSecondRoot(x, error);
  if (reason === "undefined entity") return explainEntity(x, error);
  if (reason === "malformed comment") return explainComment(x, error);
  if (reason.startsWith("disallowed character in tag name")) return explainLessThan(x, error);
  if (reason === "disallowed character") return explainCharacter(x, error);
  const duplicate = /^duplicate attribute: (.+)$/.exec(reason);
  if (duplicate)
    return explainDuplicate(x, error, duplicate[1] as string) ?? { message: `an attribute is written twice: ${reason}`, span: here };
  const prefix = /^unbound namespace prefix: "(.*)"$/.exec(reason);
  if (prefix)
    return explainPrefix(x, error, prefix[1] as string) ?? { message: `a namespace prefix is not declared: ${reason}`, span: here };
  if (reason === "document must contain a root element") {
    const empty = x.document.text.trim() === "";
    return {
      message: `${empty ? "the file is empty" : "the file has no root element"}: a notificationSettings file is one <notificationSettings> element holding the settings`,
      span: { start: 0, end: Math.min(1, x.document.text.length) },
    };
  }
  if (reason === "malformed character entity") {
    const at = x.text.lastIndexOf("&", position - 1);
    return {
      message: `a character reference that names no character XML allows (line ${x.line(at)}): write &#NNN; (decimal) or &#xHHH; (hexadecimal) for a printable character`,
      span: x.span(at, position),
    };
  }
  if (reason === 'the string "]]>" is disallowed in char data') {
    const at = x.text.lastIndexOf("]]>", position - 1);
    return { message: `"]]>" in text: XML reserves it for the end of a CDATA section; write "]]&gt;"`, span: x.span(at, at + 3) };
  }
  if (reason === "disallowed character in closing tag" || reason === "weird empty close tag") {
    const start = x.text.lastIndexOf("</", position - 1);
    const end = x.text.indexOf(">", start);
    const span = x.span(start, end < 0 ? position : end + 1);
    const expected = error.open.at(-1);
    if (reason === "weird empty close tag") {
      return {
        message: `an end tag without a name: write the name of the element it closes${expected ? `, </${expected.name}>` : ""}`,
        span,
      };
    }
    const name = x.text.slice(start + 2, readName(x.text, start + 2));
    if (name === "") {
      return {
        message: `"</" starts no end tag: an end tag is "</" followed directly by the element's name${expected ? `, here </${expected.name}>` : ""}`,
        span: x.span(start, start + 2),
      };
    }
    return { message: `the end tag </${name}> holds more than the element's name: end tags have no attributes; write </${name}>`, span };
  }
  const malformed = /^malformed name: (.*)$/.exec(reason);
  if (malformed) {
    const tag = error.open.at(-1);
    const element = tag === undefined ? undefined : x.elementAt(tag.offset);
    return {
      message: `${shown(malformed[1] as string)} is not a valid name with a prefix: a single ":" separates a prefix from the rest, as in o:network`,
      span: element?.nameSpan ?? here,
    };
  }
  if (reason === "incorrect syntax") {
    const start = x.text.lastIndexOf("<!", position - 1);
    return {
      message: `"<!" starts no comment, CDATA section or DOCTYPE (line ${x.line(start)}): a comment is written "<!--" … "-->"`,
      span: x.span(start, start + 2),
    };
  }
  if (reason.startsWith("disallowed character in processing instruction name") || reason === "processing instruction without a target") {
    const start = x.text.lastIndexOf("<?", position - 1);
    return {
      message: `"<?" starts a processing instruction without a proper name (line ${x.line(start)}): if it is meant as the XML declaration, write <?xml version="1.0" encoding="utf-8"?>`,
      span: x.span(start, Math.max(start + 2, position)),
    };
  }
  if (reason === "inappropriately located doctype declaration") {
    const start = x.text.lastIndexOf("<!", position - 1);
    return { message: `a <!DOCTYPE> may only come before the root element: remove it`, span: x.span(start, position) };
  }
  return { message: `the file is not well-formed XML: ${reason}`, span: here };
}

/**
 * What saxes reports first for a text the scan found plain up to a mistake at an end tag or at the
 * end: the parser's state there is the scan's, as nothing before it is outside the plain subset.
 * For the end, the last element closed is left out: only an unexpected close tag's explanation
 * reads it.
 */
function plainParserError(mistake: PlainMistake & { kind: "end tag" | "unclosed" }, length: number): ParserError {
  const open = mistake.open.map((element) => ({ name: element.name, offset: element.tagSpan.start }));
  const root = open[0] as OpenTag;
  const innermost = open.at(-1) as OpenTag;
  if (mistake.kind === "unclosed") {
    return { reason: `unclosed tag: ${innermost.name}`, position: length, open, inStartTag: false, rootClosed: false, root };
  }
  // saxes pops the element the end tag should close, then finds the names differ.
  const rootClosed = open.length === 1;
  return {
    reason: "unexpected close tag",
    position: mistake.end,
    open: open.slice(0, -1),
    lastClosed: innermost,
    inStartTag: false,
    rootClosed,
    root,
    ...(rootClosed ? { rootEnd: mistake.end } : {}),
  };
}

/** The explanation of a mistake the scan knows; `undefined` for a "&" that looks like a reference to an entity, which the parser judges. */
function explainPlainMistake(x: Explainer, mistake: PlainMistake): Explained | undefined {
  if (mistake.kind === "ampersand") return isBareAmpersand(x.text, mistake.at) ? explainAmpersand(x, mistake.at) : undefined;
  // A text plain up to the mistake has no bare "&" before it and, for one plain to its end, ends inside no construct.
  return explain(x, plainParserError(mistake, x.text.length), {});
}

/**
 * The first well-formedness error of a file the scan did not prove well-formed, once the mistakes
 * it recognised (a broken declaration, attributes written as text) are repaired, judged by a
 * conforming XML parser and explained in words. Repairing first keeps one known mistake from
 * burying the file under follow-on errors; a repaired text is scanned again, as it is most often
 * plain. A text plain up to a mistake the scan knows needs no parser either.
 */
export function firstSyntaxError(scanned: Scan): XmlSyntaxError | undefined {
  const { document } = scanned;
  const repairs = document.attributesAsText.map((found) => found.fix);
  if (document.declaration?.problem) repairs.push(document.declaration.problem.fix);
  if (document.declaration?.notAtStart?.fix) repairs.push(document.declaration.notAtStart.fix);
  const repaired = applyEdits(document.text, repairs);
  const { provenWellFormed, plainMistake } = repairs.length > 0 ? scan(repaired.text) : scanned;
  if (provenWellFormed) return undefined;
  const explainer = () => new Explainer(document, repaired.text, (offset) => repaired.toOriginal(offset));
  const known = plainMistake && explainPlainMistake(explainer(), plainMistake);
  if (known) return known;
  const declared = document.doctype ? generalEntityNames(readDoctype(document.text, document.doctype)) : new Set<string>();
  const error = parserError(repaired.text, declared);
  if (error === undefined) return undefined;
  // A bare "&" always ends in a saxes error, reported later and vaguely: look for one only then.
  const lex = lexical(repaired.text);
  const x = explainer();
  if (lex.ampersand !== undefined && lex.ampersand < error.position) return explainAmpersand(x, lex.ampersand);
  return explain(x, error, lex);
}
