import type { AttributesAsText, Span, XmlAttribute, XmlComment, XmlDeclaration, XmlDocument, XmlElement } from "./document.js";
import {
  firstLooseAmpersand,
  PLAIN_DECLARATION,
  type PlainMistake,
  plainAscii,
  plainAttributeName,
  plainCharacters,
  plainElementName,
} from "./plain.js";

// A tolerant scan of an XML file: it never stops at a mistake, so that one run can report every
// defect of a malformed file (the Omada guide's own sample has two) and still lint what it says.
// On its way it checks whether the file keeps to the plain subset (plain.ts), which proves it
// well-formed with no second pass; any other file is judged by a real XML parser afterwards
// (well-formed.ts).

// Names and spaces by character code (one UTF-16 unit at a time): a name starts with
// [A-Za-z_:\u00C0-\uFFFF] and goes on with [A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]; a space is [ \t\r\n].
// ASCII codes are looked up in a table, which is quicker than comparing ranges.
const NAME_START = 1;
const NAME_CHAR = 2;
const ASCII_NAME = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a;
  const other = (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d;
  ASCII_NAME[code] = (letter ? NAME_START | NAME_CHAR : 0) | (other ? NAME_CHAR : 0);
}

function isNameStart(code: number): boolean {
  return code < 128 ? ((ASCII_NAME[code] as number) & NAME_START) !== 0 : code >= 0xc0;
}

function isNameChar(code: number): boolean {
  return code < 128 ? ((ASCII_NAME[code] as number) & NAME_CHAR) !== 0 : code >= 0xc0 || code === 0xb7;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; anything else is kept as written. */
export function decodeEntities(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

export function readName(text: string, at: number): number {
  if (at >= text.length || !isNameStart(text.charCodeAt(at))) return at;
  let end = at + 1;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  return end;
}

export function skipSpace(text: string, at: number, limit = text.length): number {
  let i = at;
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Namespace declarations in scope, by attribute name (`xmlns`, `xmlns:o`). */
type Bindings = Readonly<Record<string, string>>;

const NO_BINDINGS: Bindings = {};

/**
 * The declarations in scope inside an element: its parent's, with its own added (a copy only when
 * it declares any). Kept per open element rather than looked up through the ancestors, which took
 * time growing with the square of the depth (seconds for a file 20,000 elements deep).
 */
function bindingsOf(attributes: readonly XmlAttribute[], inherited: Bindings): Bindings {
  let own: Record<string, string> | undefined;
  for (const attribute of attributes) {
    if (attribute.name === "xmlns" || attribute.name.startsWith("xmlns:")) {
      own ??= { ...inherited };
      own[attribute.name] = attribute.value;
    }
  }
  return own ?? inherited;
}

function namespaceOf(name: string, bindings: Bindings): string {
  const colon = name.indexOf(":");
  return bindings[colon < 0 ? "xmlns" : `xmlns:${name.slice(0, colon)}`] ?? "";
}

/** Where a string occurs next, for a scan that only moves forward: one search per occurrence, not one per question. */
class Occurrences {
  next = -1;

  constructor(
    readonly text: string,
    readonly needle: string,
  ) {}

  /** Whether the string occurs whole between `from` and `to` (asked with `from` never going back). */
  within(from: number, to: number): boolean {
    if (this.next < from) {
      const at = this.text.indexOf(this.needle, from);
      this.next = at < 0 ? this.text.length : at;
    }
    return this.next + this.needle.length <= to;
  }
}

function named(attributes: readonly XmlAttribute[], name: string): boolean {
  for (const attribute of attributes) if (attribute.name === name) return true;
  return false;
}

class Scanner {
  readonly elements: XmlElement[] = [];
  readonly comments: XmlComment[] = [];
  readonly attributesAsText: AttributesAsText[] = [];
  /** The elements open, outermost first, and the namespace declarations in scope inside each. */
  readonly stack: XmlElement[] = [];
  readonly scopes: Bindings[] = [];
  declaration: XmlDeclaration | undefined = undefined;
  doctype: Span | undefined = undefined;
  root: XmlElement | undefined = undefined;
  /** The start tag just read, while nothing but text has followed it, and where its `>` is. */
  justOpened: XmlElement | undefined = undefined;
  justOpenedGt = 0;
  /**
   * Where the last readAttributes stopped, whether what it read keeps to the plain subset but for
   * "&"s, and the first of those that starts no predefined entity (-1 for none).
   */
  stop = 0;
  plainAttributes = true;
  looseAmpersandInAttributes = -1;
  /** Nothing outside the plain subset (plain.ts) has been seen yet but loose "&"s, and nothing was repaired. */
  plain = true;
  /** The first "&" in text or a value that starts no predefined entity, while the text was plain (-1 for none). */
  looseAmpersand = -1;
  /** The end tag that first left the plain subset, when it closes another element than the one open. */
  mismatch: (PlainMistake & { kind: "end tag" }) | undefined = undefined;
  /** The text is printable ASCII, tabs and line breaks only (plain.ts). */
  readonly ascii: boolean;
  readonly ampersands: Occurrences;
  readonly cdataEnds: Occurrences;

  constructor(readonly text: string) {
    this.ascii = plainAscii(text);
    this.ampersands = new Occurrences(text, "&");
    this.cdataEnds = new Occurrences(text, "]]>");
  }

  scan(): void {
    const { text } = this;
    let i = 0;
    while (i < text.length) {
      const lt = text.indexOf("<", i);
      const textEnd = lt < 0 ? text.length : lt;
      if (textEnd > i) {
        if (this.plain) this.checkText(i, textEnd);
        const skipTo = this.onText(i, textEnd);
        if (skipTo !== undefined) {
          i = skipTo;
          continue;
        }
      }
      if (lt < 0) break;
      this.justOpened = undefined;
      i = this.onMarkup(lt);
    }
  }

  /** Text keeps to the subset: blanks outside the root element; inside it, no "]]>" (which ends a CDATA section), and predefined entities. */
  checkText(from: number, to: number): void {
    if (this.stack.length === 0) this.plain = skipSpace(this.text, from, to) === to;
    else if (this.cdataEnds.within(from, to)) this.plain = false;
    else if (this.looseAmpersand < 0 && this.ampersands.within(from, to)) this.looseAmpersand = firstLooseAmpersand(this.text, from, to);
  }

  /**
   * What the scan proves: the text well-formed (`true`: plain throughout, one root element, every
   * element closed), or the one mistake that keeps it from being; `undefined` for any other text.
   */
  verdict(): true | PlainMistake | undefined {
    const { text, mismatch, ascii } = this;
    if (mismatch) return ascii || plainCharacters(text, mismatch.end) ? mismatch : undefined;
    if (!this.plain || this.root === undefined || !(ascii || plainCharacters(text))) return undefined;
    const open = this.stack.length > 0;
    if (this.looseAmpersand >= 0) return open ? undefined : { kind: "ampersand", at: this.looseAmpersand };
    return open ? { kind: "unclosed", open: [...this.stack] } : true;
  }

  open(element: XmlElement, bindings: Bindings): void {
    this.stack.push(element);
    this.scopes.push(bindings);
  }

  /** Closes the open elements from the depth given on (one by one: setting an array's length is slow). */
  closeFrom(depth: number): void {
    while (this.stack.length > depth) {
      this.stack.pop();
      this.scopes.pop();
    }
  }

  /**
   * Reads `name="value"` pairs from `at` while they are well formed, up to `limit` (the next `<`,
   * which is why no value holds one); returns them, and leaves in `stop` the offset of the first
   * thing that is not one (spaces before it skipped).
   */
  readAttributes(at: number, limit: number): XmlAttribute[] {
    const { text } = this;
    const attributes: XmlAttribute[] = [];
    let plain = true;
    let looseAmpersand = -1;
    let i = at;
    for (;;) {
      i = skipSpace(text, i, limit);
      const nameEnd = readName(text, i);
      if (nameEnd === i || nameEnd > limit) break;
      // Spaces around "=" are looked for only when "=" and the quote do not follow at once, as they do in plain files.
      let j = text.charCodeAt(nameEnd) === 0x3d ? nameEnd : skipSpace(text, nameEnd, limit);
      if (text.charCodeAt(j) !== 0x3d) break;
      j++;
      let quote = text.charCodeAt(j);
      if (quote !== 0x22 && quote !== 0x27) {
        j = skipSpace(text, j, limit);
        quote = text.charCodeAt(j);
        if (quote !== 0x22 && quote !== 0x27) break;
      }
      const close = text.indexOf(quote === 0x22 ? '"' : "'", j + 1);
      if (close < 0 || close >= limit) break;
      const name = text.slice(i, nameEnd);
      const raw = text.slice(j + 1, close);
      const ampersand = this.ampersands.within(j + 1, close);
      const value = ampersand ? decodeEntities(raw) : raw;
      // Plain: a space before the name, no space around "=", each name once, and the XML namespace never the default.
      plain &&=
        isSpace(text.charCodeAt(i - 1)) &&
        j === nameEnd + 1 &&
        plainAttributeName(name, this.ascii) &&
        !named(attributes, name) &&
        (name !== "xmlns" || !value.includes("w3.org"));
      if (plain && ampersand && looseAmpersand < 0) looseAmpersand = firstLooseAmpersand(text, j + 1, close);
      attributes.push({ name, value, nameSpan: { start: i, end: nameEnd }, valueSpan: { start: j + 1, end: close } });
      i = close + 1;
    }
    this.stop = i;
    this.plainAttributes = plain;
    this.looseAmpersandInAttributes = looseAmpersand;
    return attributes;
  }

  /** Returns where to continue when the text and what follows it were consumed together. */
  onText(start: number, end: number): number | undefined {
    const element = this.justOpened;
    // Only text right after a start tag, and starting with a name, may be attributes written as text.
    if (!element || !isNameStart(this.text.charCodeAt(skipSpace(this.text, start, end)))) return undefined;
    return this.onAttributesAsText(element, start, end);
  }

  /** The rare case, apart from onText so that what every text run runs stays small to compile. */
  onAttributesAsText(element: XmlElement, start: number, end: number): number | undefined {
    const { text } = this;
    const attributes = this.readAttributes(start, end);
    const stop = this.stop;
    if (attributes.length === 0) return undefined;
    const gt = this.justOpenedGt;
    const attributesEnd = (attributes.at(-1) as XmlAttribute).valueSpan.end + 1;
    // The `>` goes; a space takes its place when nothing else would part the name from the first attribute.
    const separator = isSpace(text.charCodeAt(gt + 1)) ? "" : " ";
    let span: { start: number; end: number };
    let fix: AttributesAsText["fix"];
    if (text.startsWith("/>", stop) && skipSpace(text, stop + 2, end) === end) {
      // <tag>  a="1" b="2" />  →  <tag  a="1" b="2" />
      span = { start: gt, end: stop + 2 };
      fix = { offset: gt, length: 1, text: separator };
      this.closeFrom(this.stack.length - 1);
      element.selfClosing = true;
      this.justOpened = undefined;
      this.record(element, attributes, span, fix);
      return end;
    }
    if (text[stop] === ">" && skipSpace(text, stop + 1, end) === end) {
      // <tag>  a="1" b="2">  →  <tag  a="1" b="2">  (the tag closed early, then its real `>`)
      span = { start: gt, end: stop + 1 };
      fix = { offset: gt, length: 1, text: separator };
      element.tagSpan.end = stop + 1;
      this.justOpened = undefined;
      this.record(element, attributes, span, fix);
      return end;
    }
    const closing = new RegExp(`^</${element.name.replace(/[.]/g, "\\.")}[ \\t\\r\\n]*>`).exec(
      text.slice(end, end + element.name.length + 64),
    );
    if (stop === end && closing) {
      // <tag>  a="1"  </tag>  →  <tag  a="1"/>
      span = { start: gt, end: end + closing[0].length };
      fix = { offset: gt, length: span.end - gt, text: `${separator}${text.slice(gt + 1, attributesEnd)}/>` };
      this.closeFrom(this.stack.length - 1);
      element.selfClosing = true;
      this.justOpened = undefined;
      this.record(element, attributes, span, fix);
      return span.end;
    }
    return undefined;
  }

  record(element: XmlElement, attributes: XmlAttribute[], span: { start: number; end: number }, fix: AttributesAsText["fix"]): void {
    for (const attribute of attributes) element.attributes.push({ ...attribute, recovered: true });
    this.attributesAsText.push({ element, span, fix });
    this.plain = false;
  }

  onMarkup(lt: number): number {
    const { text } = this;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f) return this.onProcessingInstruction(lt);
    if (next === 0x2f) return this.onEndTag(lt);
    if (next !== 0x21) return this.onStartTag(lt);
    if (text.startsWith("<!--", lt)) {
      const close = text.indexOf("-->", lt + 4);
      // Plain: the comment's first "--" is its end.
      if (close < 0 || text.indexOf("--", lt + 4) !== close) this.plain = false;
      const end = close < 0 ? text.length : close + 3;
      this.comments.push({ text: text.slice(lt + 4, close < 0 ? text.length : close), span: { start: lt, end } });
      return end;
    }
    this.plain = false;
    if (text.startsWith("<![CDATA[", lt)) {
      const close = text.indexOf("]]>", lt + 9);
      return close < 0 ? text.length : close + 3;
    }
    return this.onDoctype(lt);
  }

  onProcessingInstruction(lt: number): number {
    const { text } = this;
    if (lt !== 0 || !PLAIN_DECLARATION.test(text)) this.plain = false;
    const targetEnd = readName(text, lt + 2);
    const target = text.slice(lt + 2, targetEnd);
    if (target.toLowerCase() !== "xml") {
      const close = text.indexOf("?>", lt + 2);
      return close < 0 ? text.length : close + 2;
    }
    const nextTag = text.indexOf("<", lt + 2);
    const limit = nextTag < 0 ? text.length : nextTag;
    const attributes = this.readAttributes(targetEnd, limit);
    const stop = this.stop;
    const declaration: XmlDeclaration = { span: { start: lt, end: stop }, attributes };
    if (this.declaration === undefined && lt > 0) {
      // Blank lines (or a second byte order mark) before it are safe to delete; anything else is not.
      const before = text.slice(0, lt);
      const blank = /^[ \t\r\n\uFEFF]*$/.test(before);
      declaration.notAtStart = { span: { start: 0, end: lt }, ...(blank ? { fix: { offset: 0, length: lt, text: "" } } : {}) };
    }
    this.declaration ??= declaration;
    if (text.startsWith("?>", stop)) {
      declaration.span.end = stop + 2;
      return stop + 2;
    }
    if (text[stop] === ">") {
      declaration.span.end = stop + 1;
      declaration.problem = { message: 'ends with ">" instead of "?>"', fix: { offset: stop, length: 0, text: "?" } };
      return stop + 1;
    }
    if (text.startsWith("/>", stop)) {
      declaration.span.end = stop + 2;
      declaration.problem = { message: 'ends with "/>" instead of "?>"', fix: { offset: stop, length: 1, text: "?" } };
      return stop + 2;
    }
    const gt = text.indexOf(">", stop);
    if (gt >= 0 && gt < limit) {
      // It does end, but what is inside is broken: the parser says what, and nothing is guessed here.
      declaration.span.end = gt + 1;
      return gt + 1;
    }
    if (text[stop] === "?") {
      declaration.span.end = stop + 1;
      declaration.problem = { message: 'ends with "?" instead of "?>"', fix: { offset: stop + 1, length: 0, text: ">" } };
      return stop + 1;
    }
    const attributesEnd = attributes.length > 0 ? (attributes.at(-1) as XmlAttribute).valueSpan.end + 1 : targetEnd;
    declaration.span.end = attributesEnd;
    declaration.problem = { message: 'is never closed with "?>"', fix: { offset: attributesEnd, length: 0, text: "?>" } };
    return stop;
  }

  /** A `<!...>` that is no comment or CDATA section: a DOCTYPE (recorded, the first one) or a mistake xml-syntax names. */
  onDoctype(lt: number): number {
    const { text } = this;
    const doctype = text.startsWith("<!DOCTYPE", lt);
    let depth = 0;
    let quote: string | undefined;
    for (let i = lt + 2; i < text.length; i++) {
      const char = text[i];
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === "[") depth++;
      else if (char === "]") depth--;
      else if (char === ">" && depth <= 0) {
        if (doctype) this.doctype ??= { start: lt, end: i + 1 };
        return i + 1;
      }
    }
    if (doctype) this.doctype ??= { start: lt, end: text.length };
    return text.length;
  }

  onEndTag(lt: number): number {
    const { text, stack } = this;
    const nameEnd = readName(text, lt + 2);
    const innermost = stack[stack.length - 1];
    const afterSpaces = skipSpace(text, nameEnd);
    if (
      innermost !== undefined &&
      nameEnd - lt - 2 === innermost.name.length &&
      text.startsWith(innermost.name, lt + 2) &&
      text.charCodeAt(afterSpaces) === 0x3e
    ) {
      // The end tag of the element open, as the plain subset writes it (the usual case, made cheap).
      stack.pop();
      this.scopes.pop();
      return afterSpaces + 1;
    }
    return this.onOtherEndTag(lt, nameEnd, afterSpaces);
  }

  /**
   * An end tag that is not the plain end of the element open: it closes the innermost element of
   * its name, if any. Apart from onEndTag, so that the usual case stays small to compile.
   */
  onOtherEndTag(lt: number, nameEnd: number, afterSpaces: number): number {
    const { text } = this;
    const name = text.slice(lt + 2, nameEnd);
    if (
      this.plain &&
      this.looseAmpersand < 0 &&
      this.stack.length > 0 &&
      nameEnd > lt + 2 &&
      plainElementName(name, this.ascii) &&
      text.charCodeAt(afterSpaces) === 0x3e
    )
      this.mismatch = { kind: "end tag", end: afterSpaces + 1, open: [...this.stack] };
    this.plain = false;
    const gt = text.indexOf(">", nameEnd);
    const nextLt = text.indexOf("<", nameEnd);
    const end = gt < 0 || (nextLt >= 0 && nextLt < gt) ? nameEnd : gt + 1;
    const open = this.stack.findLastIndex((element) => element.name === name);
    if (open >= 0) this.closeFrom(open);
    return Math.max(end, lt + 2);
  }

  onStartTag(lt: number): number {
    const { text } = this;
    const nameEnd = readName(text, lt + 1);
    if (nameEnd === lt + 1) {
      this.plain = false;
      return lt + 1;
    }
    const nextLt = text.indexOf("<", nameEnd);
    const limit = nextLt < 0 ? text.length : nextLt;
    const attributes = this.readAttributes(nameEnd, limit);
    const stop = this.stop;
    const depth = this.stack.length;
    const parent = this.stack[depth - 1];
    const name = text.slice(lt + 1, nameEnd);
    const bindings = bindingsOf(attributes, parent === undefined ? NO_BINDINGS : (this.scopes[depth - 1] as Bindings));
    const selfClosing = text.charCodeAt(stop) === 0x2f && text.charCodeAt(stop + 1) === 0x3e;
    const closed = selfClosing || text.charCodeAt(stop) === 0x3e;
    // A tag that breaks off: continue after its `>` if there is one before the next `<`.
    const gt = closed ? stop : text.indexOf(">", stop);
    const end = selfClosing ? stop + 2 : gt >= 0 && gt < limit ? gt + 1 : limit;
    // Plain: one root element and nothing after it, a plain name, plain attributes, and a `>` or `/>`.
    this.plain &&=
      (parent !== undefined || this.root === undefined) && closed && this.plainAttributes && plainElementName(name, this.ascii);
    if (this.plain && this.looseAmpersand < 0) this.looseAmpersand = this.looseAmpersandInAttributes;
    const element: XmlElement = {
      name,
      namespace: namespaceOf(name, bindings),
      nameSpan: { start: lt + 1, end: nameEnd },
      tagSpan: { start: lt, end },
      attributes,
      children: [],
      selfClosing,
    };
    this.elements.push(element);
    if (parent === undefined) this.root ??= element;
    else {
      element.parent = parent;
      parent.children.push(element);
    }
    if (!closed) element.broken = true;
    if (!selfClosing) this.open(element, bindings);
    if (closed && !selfClosing) {
      this.justOpened = element;
      this.justOpenedGt = stop;
    }
    return end;
  }
}

/** What the scan of a text found, and what it proved on the way (plain.ts). */
export interface Scan {
  document: Omit<XmlDocument, "syntaxError">;
  provenWellFormed: boolean;
  plainMistake: PlainMistake | undefined;
}

/** Scans XML text without ever giving up; `syntaxError` is left for the well-formedness check, when the scan proves nothing. */
export function scan(text: string): Scan {
  const scanner = new Scanner(text);
  scanner.scan();
  const verdict = scanner.verdict();
  const document: Omit<XmlDocument, "syntaxError"> = {
    text,
    elements: scanner.elements,
    comments: scanner.comments,
    attributesAsText: scanner.attributesAsText,
  };
  if (scanner.declaration) document.declaration = scanner.declaration;
  if (scanner.root) document.root = scanner.root;
  if (scanner.doctype) document.doctype = scanner.doctype;
  return {
    document,
    provenWellFormed: verdict === true,
    plainMistake: verdict === true ? undefined : verdict,
  };
}

export function scanXml(text: string): Omit<XmlDocument, "syntaxError"> {
  return scan(text).document;
}
