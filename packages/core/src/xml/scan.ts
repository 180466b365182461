import type { AttributesAsText, XmlAttribute, XmlComment, XmlDeclaration, XmlDocument, XmlElement } from "./document.js";

// A tolerant scan of an XML file: it never stops at a mistake, so that one run can report every
// defect of a malformed file (the Omada guide's own sample has two) and still lint what it says.
// Well-formedness itself is judged by a real XML parser afterwards (well-formed.ts).

// Names and spaces by character code (one UTF-16 unit at a time): a name starts with
// [A-Za-z_:\u00C0-\uFFFF] and goes on with [A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]; a space is [ \t\r\n].
function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a || code >= 0xc0;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d || code === 0xb7;
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

/**
 * Reads `name="value"` pairs from `at` while they are well formed; returns them and the offset of
 * the first thing that is not one (spaces before it skipped).
 */
function readAttributes(text: string, at: number, limit: number): { attributes: XmlAttribute[]; stop: number } {
  const attributes: XmlAttribute[] = [];
  let i = skipSpace(text, at, limit);
  for (;;) {
    const nameEnd = readName(text, i);
    if (nameEnd === i || nameEnd > limit) break;
    let j = skipSpace(text, nameEnd, limit);
    if (text[j] !== "=") break;
    j = skipSpace(text, j + 1, limit);
    const quote = text[j];
    if (quote !== '"' && quote !== "'") break;
    const close = text.indexOf(quote, j + 1);
    if (close < 0 || close >= limit || text.slice(j + 1, close).includes("<")) break;
    attributes.push({
      name: text.slice(i, nameEnd),
      value: decodeEntities(text.slice(j + 1, close)),
      nameSpan: { start: i, end: nameEnd },
      valueSpan: { start: j + 1, end: close },
    });
    i = skipSpace(text, close + 1, limit);
  }
  return { attributes, stop: i };
}

/** Namespace declarations in scope, by attribute name (`xmlns`, `xmlns:o`). */
type Bindings = Readonly<Record<string, string>>;

/**
 * The declarations in scope inside an element: its parent's, with its own added (a copy only when
 * it declares any). Kept per element rather than looked up through the ancestors, which took time
 * growing with the square of the depth (seconds for a file 20,000 elements deep).
 */
function bindingsOf(element: XmlElement, inherited: Bindings): Bindings {
  const own = element.attributes.filter((attribute) => attribute.name === "xmlns" || attribute.name.startsWith("xmlns:"));
  return own.length === 0 ? inherited : { ...inherited, ...Object.fromEntries(own.map((attribute) => [attribute.name, attribute.value])) };
}

function namespaceOf(element: XmlElement, bindings: Bindings): string {
  const colon = element.name.indexOf(":");
  return bindings[colon < 0 ? "xmlns" : `xmlns:${element.name.slice(0, colon)}`] ?? "";
}

class Scanner {
  readonly elements: XmlElement[] = [];
  readonly comments: XmlComment[] = [];
  readonly attributesAsText: AttributesAsText[] = [];
  readonly stack: XmlElement[] = [];
  readonly bindings = new Map<XmlElement, Bindings>();
  declaration: XmlDeclaration | undefined;
  doctype: { start: number; end: number } | undefined;
  root: XmlElement | undefined;
  /** The start tag just read, while nothing but text has followed it. */
  justOpened: { element: XmlElement; gt: number } | undefined;

  constructor(readonly text: string) {}

  scan(): void {
    const { text } = this;
    let i = 0;
    while (i < text.length) {
      const lt = text.indexOf("<", i);
      const textEnd = lt < 0 ? text.length : lt;
      if (textEnd > i) {
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

  /** Returns where to continue when the text and what follows it were consumed together. */
  onText(start: number, end: number): number | undefined {
    const opened = this.justOpened;
    if (!opened) return undefined;
    const { text } = this;
    const { attributes, stop } = readAttributes(text, start, end);
    if (attributes.length === 0) return undefined;
    const { element, gt } = opened;
    const attributesEnd = (attributes.at(-1) as XmlAttribute).valueSpan.end + 1;
    // The `>` goes; a space takes its place when nothing else would part the name from the first attribute.
    const separator = isSpace(text.charCodeAt(gt + 1)) ? "" : " ";
    let span: { start: number; end: number };
    let fix: AttributesAsText["fix"];
    if (text.startsWith("/>", stop) && skipSpace(text, stop + 2, end) === end) {
      // <tag>  a="1" b="2" />  →  <tag  a="1" b="2" />
      span = { start: gt, end: stop + 2 };
      fix = { offset: gt, length: 1, text: separator };
      this.stack.pop();
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
      this.stack.pop();
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
  }

  onMarkup(lt: number): number {
    const { text } = this;
    if (text.startsWith("<?", lt)) return this.onProcessingInstruction(lt);
    if (text.startsWith("<!--", lt)) {
      const close = text.indexOf("-->", lt + 4);
      const end = close < 0 ? text.length : close + 3;
      this.comments.push({ text: text.slice(lt + 4, close < 0 ? text.length : close), span: { start: lt, end } });
      return end;
    }
    if (text.startsWith("<![CDATA[", lt)) {
      const close = text.indexOf("]]>", lt + 9);
      return close < 0 ? text.length : close + 3;
    }
    if (text.startsWith("<!", lt)) return this.onDoctype(lt);
    if (text.startsWith("</", lt)) return this.onEndTag(lt);
    return this.onStartTag(lt);
  }

  onProcessingInstruction(lt: number): number {
    const { text } = this;
    const targetEnd = readName(text, lt + 2);
    const target = text.slice(lt + 2, targetEnd);
    if (target.toLowerCase() !== "xml") {
      const close = text.indexOf("?>", lt + 2);
      return close < 0 ? text.length : close + 2;
    }
    const nextTag = text.indexOf("<", lt + 2);
    const limit = nextTag < 0 ? text.length : nextTag;
    const { attributes, stop } = readAttributes(text, targetEnd, limit);
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
    const { text } = this;
    const nameEnd = readName(text, lt + 2);
    const name = text.slice(lt + 2, nameEnd);
    const gt = text.indexOf(">", nameEnd);
    const nextLt = text.indexOf("<", nameEnd);
    const end = gt < 0 || (nextLt >= 0 && nextLt < gt) ? nameEnd : gt + 1;
    const open = this.stack.findLastIndex((element) => element.name === name);
    if (open >= 0) this.stack.length = open;
    return Math.max(end, lt + 2);
  }

  onStartTag(lt: number): number {
    const { text } = this;
    const nameEnd = readName(text, lt + 1);
    if (nameEnd === lt + 1) return lt + 1;
    const nextLt = text.indexOf("<", nameEnd);
    const limit = nextLt < 0 ? text.length : nextLt;
    const { attributes, stop } = readAttributes(text, nameEnd, limit);
    const parent = this.stack.at(-1);
    const element: XmlElement = {
      name: text.slice(lt + 1, nameEnd),
      namespace: "",
      nameSpan: { start: lt + 1, end: nameEnd },
      tagSpan: { start: lt, end: stop },
      attributes,
      children: [],
      selfClosing: false,
      ...(parent ? { parent } : {}),
    };
    const bindings = bindingsOf(element, (parent && this.bindings.get(parent)) ?? {});
    this.bindings.set(element, bindings);
    element.namespace = namespaceOf(element, bindings);
    this.elements.push(element);
    if (parent) parent.children.push(element);
    else this.root ??= element;
    if (text.startsWith("/>", stop)) {
      element.selfClosing = true;
      element.tagSpan.end = stop + 2;
      return stop + 2;
    }
    this.stack.push(element);
    if (text[stop] === ">") {
      element.tagSpan.end = stop + 1;
      this.justOpened = { element, gt: stop };
      return stop + 1;
    }
    // A tag that breaks off: continue after its `>` if there is one before the next `<`.
    element.broken = true;
    const gt = text.indexOf(">", stop);
    const end = gt >= 0 && gt < limit ? gt + 1 : limit;
    element.tagSpan.end = end;
    return end;
  }
}

/** Scans XML text without ever giving up; `syntaxError` is left for the well-formedness check. */
export function scanXml(text: string): Omit<XmlDocument, "syntaxError"> {
  const scanner = new Scanner(text);
  scanner.scan();
  return {
    text,
    elements: scanner.elements,
    comments: scanner.comments,
    attributesAsText: scanner.attributesAsText,
    ...(scanner.declaration ? { declaration: scanner.declaration } : {}),
    ...(scanner.root ? { root: scanner.root } : {}),
    ...(scanner.doctype ? { doctype: scanner.doctype } : {}),
  };
}
