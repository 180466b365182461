import type { DataPath } from "./data-path.js";

const SCALAR = 0;
const MAPPING = 1;
const LIST = 2;

/**
 * Where each value is written, as a table rather than an object per value (a 1,000-tenant file
 * has some 60,000 values, and objects for them cost more garbage collection than the parsing).
 * Node `n`: `from[n]` and `to[n]` are the offsets yaml gives its node (`range[0]` and `range[1]`);
 * a block mapping or list has `to` -1, as it is underlined to the end of its first line (see
 * yaml-document.ts). A mapping's values hold their key and where it is written; a collection's
 * children are linked in order through `firstChild` and `nextSibling`.
 */
export class Spots {
  size = 0;
  from = new Int32Array(256);
  to = new Int32Array(256);
  kind = new Uint8Array(256);
  keyFrom = new Int32Array(256);
  keyTo = new Int32Array(256);
  firstChild = new Int32Array(256);
  lastChild = new Int32Array(256);
  nextSibling = new Int32Array(256);
  key: string[] = [];

  add(from: number, to: number, kind: number): number {
    if (this.size === this.from.length) this.grow();
    const node = this.size++;
    this.from[node] = from;
    this.to[node] = to;
    this.kind[node] = kind;
    this.firstChild[node] = -1;
    this.lastChild[node] = -1;
    this.nextSibling[node] = -1;
    return node;
  }

  append(parent: number, child: number): void {
    const last = this.lastChild[parent] as number;
    if (last === -1) this.firstChild[parent] = child;
    else this.nextSibling[last] = child;
    this.lastChild[parent] = child;
  }

  private grow(): void {
    const grown = <T extends Int32Array | Uint8Array>(array: T): T => {
      const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
      larger.set(array);
      return larger;
    };
    this.from = grown(this.from);
    this.to = grown(this.to);
    this.kind = grown(this.kind);
    this.keyFrom = grown(this.keyFrom);
    this.keyTo = grown(this.keyTo);
    this.firstChild = grown(this.firstChild);
    this.lastChild = grown(this.lastChild);
    this.nextSibling = grown(this.nextSibling);
  }
}

export interface BlockYaml {
  data: unknown;
  spots: Spots;
  /** The document's node in `spots`. */
  root: number;
}

/**
 * A fast reader for the YAML that configurations are written in: block mappings and lists, values
 * on one line (plain, quoted, or a one-line `{ … }` / `[ … ]`), comments, an optional leading
 * `---`. It returns exactly what the `yaml` package returns for such text (`parseDocument(text)
 * .toJS()`, YAML 1.2 core schema) and the same positions, and undefined for everything else:
 * anchors, aliases, merge keys, tags, block scalars, values over several lines, directives, several
 * documents, tabs, duplicate keys, and every syntax error. Such text goes through `yaml`, which
 * explains its errors.
 *
 * Why: `yaml` builds a document of node objects for every value, about 1 s for a 1,000-tenant
 * file; this reads the same data and positions in about a tenth of that.
 */
export function parseBlockYaml(text: string): BlockYaml | undefined {
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    const reader = new BlockReader(text);
    const data = reader.document();
    return { data, spots: reader.spots, root: reader.node };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/**
 * The offsets to underline for a path, exactly as yaml-document.ts finds them in yaml's document:
 * a scalar's value, or the key that holds a collection (the collection's first line without a key).
 */
export function locateSpot({ spots, root }: BlockYaml, text: string, path: DataPath, wantKey: boolean): [number, number] {
  let node = root;
  let keyed = -1;
  for (const segment of path) {
    if (node === -1 || spots.kind[node] === SCALAR) break;
    let child = spots.firstChild[node] as number;
    if (spots.kind[node] === MAPPING) {
      while (child !== -1 && spots.key[child] !== segment) child = spots.nextSibling[child] as number;
      if (child === -1) break;
      keyed = child;
    } else {
      const index = typeof segment === "number" ? segment : Number(segment);
      for (let at = 0; at < index && child !== -1; at++) child = spots.nextSibling[child] as number;
      if (!Number.isInteger(index) || index < 0) child = -1;
      keyed = -1;
    }
    node = child;
  }
  const collection = node !== -1 && spots.kind[node] !== SCALAR;
  if (keyed !== -1 && (wantKey || collection || node === -1)) return [spots.keyFrom[keyed] as number, spots.keyTo[keyed] as number];
  if (node === -1) return [0, 0];
  const from = spots.from[node] as number;
  if (spots.to[node] !== -1) return [from, spots.to[node] as number];
  const lineEnd = text.indexOf("\n", from);
  return [from, lineEnd === -1 ? text.length : lineEnd];
}

/** Text outside the subset: what `yaml` then reads (or rejects) itself. */
class Unsupported extends Error {}

/**
 * Characters the fast path leaves to `yaml`: tabs, control characters, a lone carriage return,
 * byte order marks, and the characters YAML 1.1 counted as line breaks.
 */
const UNUSUAL_CHARACTER = /[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ufefe\uff00-\ufffd\ud800-\udfff]|\r(?!\n)/;

/** Deeper than this is left to `yaml` (and to its limits); configurations nest about eight levels. */
const MAX_DEPTH = 64;
/** YAML's limit on an implicit key (the text before its `:`). */
const MAX_KEY_LENGTH = 1024;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Plain keys as configurations write them; anything else (numbers, `<<`, spaces) goes to `yaml`. */
const KEY_START = charTable(`${LETTERS}_`);
const KEY_CHAR = charTable(`${LETTERS}0123456789_.-/$`);
/** First characters of a plain scalar that YAML reads as syntax, or that `yaml` rejects. */
const INDICATOR = charTable("-?:,[]{}#&*!|>'\"%@`");
/** Characters that end a plain scalar in a flow collection, or make it more than a scalar. */
const FLOW_STOP = charTable("[]{},:#");
const has = (table: Uint8Array, code: number) => code < 128 && table[code] === 1;

/** Plain words that the core schema reads as null or a boolean: as keys they would not be strings. */
const NOT_A_STRING_KEY = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);
/** Names every object inherits: yaml defines such keys as own properties rather than assigning them. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Whether a plain scalar can only be a string: it starts like no null, boolean or number does, or
 * has a sign that is neither its first character nor an exponent's (GUIDs, dates, addresses).
 */
function surelyString(source: string): boolean {
  const first = source.charCodeAt(0);
  if (!((first >= 0x30 && first <= 0x39) || "+-.~nNtTfF".includes(source[0] as string))) return true;
  if (first === 0x6e || first === 0x4e || first === 0x74 || first === 0x54 || first === 0x66 || first === 0x46) return false;
  for (let at = 1; at < source.length; at++) {
    const code = source.charCodeAt(at);
    if ((code === 0x2d || code === 0x2b) && !"eE".includes(source[at - 1] as string)) return true;
  }
  return false;
}

const NULLS = new Set(["~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);
const SPECIAL_FLOATS = new Map<string, number>([
  ...["", "+", "-"].flatMap((sign) =>
    [".inf", ".Inf", ".INF"].map((inf): [string, number] => [
      sign + inf,
      sign === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
    ]),
  ),
  ...[".nan", ".NaN", ".NAN"].map((nan): [string, number] => [nan, Number.NaN]),
]);

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** The offset after the digits from `at` on. */
function digitsEnd(source: string, at: number): number {
  let end = at;
  while (end < source.length && isDigit(source.charCodeAt(end))) end++;
  return end;
}

/** Whether `source` from `at` on is one or more characters of `allowed`. */
function onlyOf(source: string, at: number, allowed: RegExp): boolean {
  if (source.length <= at) return false;
  for (let end = at; end < source.length; end++) if (!allowed.test(source[end] as string)) return false;
  return true;
}

/**
 * The YAML 1.2 core schema, in the order `yaml` tries its tags: null, bool, octal, decimal and hex
 * integers, .inf and .nan, floats with and without an exponent. (Written out, not with yaml's
 * regular expressions: compiling those took longer than linting a small file.)
 */
function resolvePlain(source: string): unknown {
  if (surelyString(source)) return source;
  if (NULLS.has(source)) return null;
  if (TRUES.has(source)) return true;
  if (FALSES.has(source)) return false;
  if (source.startsWith("0o") && onlyOf(source, 2, /[0-7]/)) return Number.parseInt(source.slice(2), 8);
  const start = source[0] === "-" || source[0] === "+" ? 1 : 0;
  const intEnd = digitsEnd(source, start);
  if (intEnd > start && intEnd === source.length) return Number.parseInt(source, 10);
  if (source.startsWith("0x") && onlyOf(source, 2, /[0-9a-fA-F]/)) return Number.parseInt(source.slice(2), 16);
  const special = SPECIAL_FLOATS.get(source);
  if (special !== undefined) return special;
  // The mantissa: digits with an optional fraction, or a fraction alone.
  let end = intEnd;
  let fraction = -1;
  if (source[end] === ".") {
    end = digitsEnd(source, end + 1);
    fraction = end - intEnd - 1;
  }
  if (intEnd === start && fraction < 1) return source;
  if (end === source.length) return fraction === -1 ? source : Number.parseFloat(source);
  if (source[end] !== "e" && source[end] !== "E") return source;
  const exponent = source[end + 1] === "-" || source[end + 1] === "+" ? end + 2 : end + 1;
  const exponentEnd = digitsEnd(source, exponent);
  return exponentEnd > exponent && exponentEnd === source.length ? Number.parseFloat(source) : source;
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};

/** Adds a key as `yaml` does: an own property even for names that objects inherit (`constructor`, `__proto__`). */
function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(map, key)) throw new Unsupported(); // a duplicate key: `yaml` reports it
  if (INHERITED.has(key)) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/**
 * Reads the text line by line. Each method that reads a value returns it and leaves its node in
 * `node`, for the caller to file under its key or in its list.
 */
class BlockReader {
  private readonly text: string;
  /** Per content line (not blank, not only a comment): offset of its first character, of its end, and its indentation. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  /** The next content line to read. */
  private line = 0;
  readonly spots = new Spots();
  /** The node in `spots` of the value read last. */
  node = -1;
  /** The offset after the scalar, quote or bracket read last. */
  private after = 0;
  /** The offset of the `:` after the key read last. */
  private colon = 0;

  constructor(text: string) {
    this.text = text;
    let lineStart = 0;
    let documentStarted = false;
    while (lineStart < text.length) {
      const newline = text.indexOf("\n", lineStart);
      const next = newline === -1 ? text.length : newline + 1;
      let end = newline === -1 ? text.length : newline;
      if (end > lineStart && text.charCodeAt(end - 1) === 0x0d) end--;
      let start = lineStart;
      while (start < end && text.charCodeAt(start) === SPACE) start++;
      if (start < end && text.charCodeAt(start) !== HASH) {
        if (start === lineStart && this.isMarker(start, end)) {
          // One `---` before the content (a comment may follow it); any other marker or directive is left to `yaml`.
          if (documentStarted || this.starts.length > 0 || !this.isBareDocumentStart(start, end)) throw new Unsupported();
          documentStarted = true;
        } else {
          this.starts.push(start);
          this.ends.push(end);
          this.indents.push(start - lineStart);
        }
      }
      lineStart = next;
    }
  }

  private scalarAt(from: number, to: number): void {
    this.node = this.spots.add(from, to, SCALAR);
    this.after = to;
  }

  private isMarker(start: number, end: number): boolean {
    const first = this.text[start];
    if (first === "%") return true;
    if (first !== "-" && first !== ".") return false;
    const three = this.text.slice(start, start + 3);
    return (three === "---" || three === "...") && (start + 3 === end || this.text.charCodeAt(start + 3) === SPACE);
  }

  private isBareDocumentStart(start: number, end: number): boolean {
    if (this.text.slice(start, start + 3) !== "---") return false;
    const rest = this.afterSpaces(start + 3, end);
    return rest === end || (rest > start + 3 && this.text.charCodeAt(rest) === HASH);
  }

  document(): unknown {
    if (this.starts.length === 0 || this.indents[0] !== 0) throw new Unsupported();
    const value = this.blockNode(0);
    if (this.line !== this.starts.length) throw new Unsupported();
    return value;
  }

  private afterSpaces(offset: number, end: number): number {
    let at = offset;
    while (at < end && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  private indentOf(line: number): number {
    return line < this.starts.length ? (this.indents[line] as number) : -1;
  }

  private isDash(offset: number, end: number): boolean {
    return this.text.charCodeAt(offset) === DASH && (offset + 1 === end || this.text.charCodeAt(offset + 1) === SPACE);
  }

  /** After a value: nothing more on its line but spaces and a comment. */
  private endOfLine(offset: number, end: number): void {
    const at = this.afterSpaces(offset, end);
    if (at !== end && !(at > offset && this.text.charCodeAt(at) === HASH)) throw new Unsupported();
  }

  /** A mapping or list starting on the current line, at its first non-blank character. */
  private blockNode(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Unsupported();
    const line = this.line;
    const start = this.starts[line] as number;
    const end = this.ends[line] as number;
    const indent = this.indents[line] as number;
    if (this.isDash(start, end)) return this.sequence(indent, depth);
    if (this.keyAt(start, end) === undefined) throw new Unsupported(); // a scalar on a line of its own
    return this.mapping(start, indent, depth);
  }

  /** The key at `offset` (its `:` in `colon`), or undefined when the text there is not `key: `. */
  private keyAt(offset: number, end: number): string | undefined {
    const text = this.text;
    const first = text.charCodeAt(offset);
    let key: string;
    let colon: number;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      key = first === DOUBLE_QUOTE ? this.doubleQuoted(offset, end) : this.singleQuoted(offset, end);
      colon = this.after;
      if (text.charCodeAt(colon) !== COLON) return undefined;
    } else {
      if (first >= 128 || KEY_START[first] !== 1) return undefined;
      colon = offset + 1;
      for (let code = text.charCodeAt(colon); colon < end && code < 128 && KEY_CHAR[code] === 1; code = text.charCodeAt(++colon));
      if (text.charCodeAt(colon) !== COLON) return undefined;
      key = text.slice(offset, colon);
      if (NOT_A_STRING_KEY.has(key)) throw new Unsupported();
    }
    if (colon + 1 !== end && text.charCodeAt(colon + 1) !== SPACE) return undefined;
    if (colon - offset > MAX_KEY_LENGTH) throw new Unsupported();
    this.colon = colon;
    return key;
  }

  /** A block mapping whose first key is at `offset` on the current line; its keys are at column `indent`. */
  private mapping(offset: number, indent: number, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const spots = this.spots;
    const node = spots.add(offset, -1, MAPPING);
    let keyOffset = offset;
    for (;;) {
      const line = this.line;
      const end = this.ends[line] as number;
      const key = this.keyAt(keyOffset, end);
      if (key === undefined) throw new Unsupported();
      const colon = this.colon;
      const valueStart = this.afterSpaces(colon + 1, end);
      let value: unknown = null;
      this.line = line + 1;
      if (valueStart === end || this.text.charCodeAt(valueStart) === HASH) {
        // The value is on the lines below: more indented, or a list at the key's own indentation.
        const nextIndent = this.indentOf(this.line);
        if (nextIndent > indent) value = this.blockNode(depth + 1);
        else if (nextIndent === indent && this.isDash(this.starts[this.line] as number, this.ends[this.line] as number))
          value = this.sequence(indent, depth + 1);
        else this.scalarAt(valueStart, valueStart); // nothing: null, placed where the value would start
      } else {
        value = this.inlineValue(valueStart, end, depth + 1);
        // A more indented line below would continue the value over several lines.
        if (this.indentOf(this.line) > indent) throw new Unsupported();
      }
      setKey(map, key, value);
      this.keyed(node, key, keyOffset, colon);
      const nextIndent = this.indentOf(this.line);
      if (nextIndent < indent) break;
      if (nextIndent > indent) throw new Unsupported();
      keyOffset = this.starts[this.line] as number;
    }
    this.node = node;
    return map;
  }

  /** Files the value read last as the value of `key`, written between `from` and `to`, in mapping `parent`. */
  private keyed(parent: number, key: string, from: number, to: number): void {
    const child = this.node;
    this.spots.key[child] = key;
    this.spots.keyFrom[child] = from;
    this.spots.keyTo[child] = to;
    this.spots.append(parent, child);
  }

  /** A block list whose `-` is at column `indent` on the current line. */
  private sequence(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw new Unsupported();
    const list: unknown[] = [];
    const node = this.spots.add(this.starts[this.line] as number, -1, LIST);
    for (;;) {
      const line = this.line;
      const end = this.ends[line] as number;
      const dash = this.starts[line] as number;
      const content = this.afterSpaces(dash + 1, end);
      let item: unknown = null;
      if (content === end || this.text.charCodeAt(content) === HASH) {
        this.line = line + 1;
        if (this.indentOf(this.line) > indent) item = this.blockNode(depth + 1);
        else this.scalarAt(content, content);
      } else if (this.isDash(content, end)) {
        throw new Unsupported(); // `- - item`
      } else if (this.keyAt(content, end) !== undefined) {
        // `- key: value`: a mapping whose keys are at the column of this first one.
        item = this.mapping(content, indent + (content - dash), depth + 1);
      } else {
        this.line = line + 1;
        item = this.inlineValue(content, end, depth + 1);
        if (this.indentOf(this.line) > indent) throw new Unsupported();
      }
      list.push(item);
      this.spots.append(node, this.node);
      const nextIndent = this.indentOf(this.line);
      if (nextIndent < indent) break;
      if (nextIndent > indent) throw new Unsupported();
      // A key at the list's indentation ends a list that is a mapping value written without indentation.
      if (!this.isDash(this.starts[this.line] as number, this.ends[this.line] as number)) break;
    }
    this.node = node;
    return list;
  }

  /** A value that starts and ends on one line: a scalar or a one-line flow collection. */
  private inlineValue(offset: number, end: number, depth: number): unknown {
    const first = this.text.charCodeAt(offset);
    let value: unknown;
    if (first === OPEN_BRACKET || first === OPEN_BRACE) value = this.flow(offset, end, depth);
    else if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) value = this.quotedValue(offset, end);
    else return this.blockPlain(offset, end);
    this.endOfLine(this.after, end);
    return value;
  }

  /** A quoted scalar as a value (with its node; a quoted key has none). */
  private quotedValue(offset: number, end: number): string {
    const value = this.text.charCodeAt(offset) === DOUBLE_QUOTE ? this.doubleQuoted(offset, end) : this.singleQuoted(offset, end);
    this.scalarAt(offset, this.after);
    return value;
  }

  /** A plain scalar in block context, up to a comment or the end of the line. */
  private blockPlain(offset: number, end: number): unknown {
    const text = this.text;
    const first = text.charCodeAt(offset);
    // `-x` is text; `- x`, `?`, `:` and the other indicators are syntax.
    if (has(INDICATOR, first) && (first !== DASH || offset + 1 === end || text.charCodeAt(offset + 1) === SPACE)) throw new Unsupported();
    // Searched for in the line, not walked character by character: most of a short run is spent
    // in the interpreter, where indexOf is much faster than a loop.
    const line = text.slice(offset, end);
    const comment = line.indexOf(" #");
    const stop = comment === -1 ? line.length : comment;
    for (let colon = line.indexOf(":"); colon !== -1 && colon < stop; colon = line.indexOf(":", colon + 1)) {
      if (colon + 1 === line.length || line.charCodeAt(colon + 1) === SPACE) throw new Unsupported(); // `a: b: c`
    }
    let length = stop;
    while (line.charCodeAt(length - 1) === SPACE) length--;
    const last = offset + length - 1;
    this.scalarAt(offset, last + 1);
    return resolvePlain(length === line.length ? line : line.slice(0, length));
  }

  /** A one-line flow collection at `offset`, up to and including its closing bracket. */
  private flow(offset: number, end: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Unsupported();
    const text = this.text;
    const isMap = text.charCodeAt(offset) === OPEN_BRACE;
    const close = isMap ? "}" : "]";
    const map: Record<string, unknown> = {};
    const list: unknown[] = [];
    const node = this.spots.add(offset, -1, isMap ? MAPPING : LIST);
    let at = this.afterSpaces(offset + 1, end);
    if (text[at] !== close) {
      for (;;) {
        if (isMap) {
          const key = this.flowKey(at, end);
          const colon = this.colon;
          const value = this.flowItem(this.afterSpaces(colon + 1, end), end, depth);
          setKey(map, key, value);
          this.keyed(node, key, at, colon);
        } else {
          list.push(this.flowItem(at, end, depth));
          this.spots.append(node, this.node);
        }
        at = this.afterSpaces(this.after, end);
        if (text[at] === close) break;
        if (text[at] !== ",") throw new Unsupported();
        at = this.afterSpaces(at + 1, end);
        if (text[at] === close) throw new Unsupported(); // a trailing comma
      }
    }
    this.spots.to[node] = at + 1;
    this.node = node;
    this.after = at + 1;
    return isMap ? map : list;
  }

  /** `key: ` in a flow mapping: the key (its `:` in `colon`). */
  private flowKey(offset: number, end: number): string {
    const text = this.text;
    const first = text.charCodeAt(offset);
    let key: string;
    let colon: number;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      key = first === DOUBLE_QUOTE ? this.doubleQuoted(offset, end) : this.singleQuoted(offset, end);
      colon = this.after;
    } else {
      if (!has(KEY_START, first)) throw new Unsupported();
      colon = offset + 1;
      while (colon < end && has(KEY_CHAR, text.charCodeAt(colon))) colon++;
      key = text.slice(offset, colon);
      if (NOT_A_STRING_KEY.has(key)) throw new Unsupported();
    }
    if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) throw new Unsupported();
    this.colon = colon;
    return key;
  }

  /** A value inside a flow collection. */
  private flowItem(offset: number, end: number, depth: number): unknown {
    const text = this.text;
    const first = text.charCodeAt(offset);
    if (first === OPEN_BRACKET || first === OPEN_BRACE) return this.flow(offset, end, depth + 1);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) return this.quotedValue(offset, end);
    if (offset >= end) throw new Unsupported();
    if (has(INDICATOR, first)) {
      const next = text.charCodeAt(offset + 1);
      if (first !== DASH || offset + 1 === end || has(FLOW_STOP, next) || next === SPACE) throw new Unsupported();
    }
    let at = offset;
    let last = offset;
    for (; at < end; at++) {
      const code = text.charCodeAt(at);
      if (has(FLOW_STOP, code)) {
        if (code === COLON || code === HASH) throw new Unsupported(); // a pair in a list, or a comment inside the brackets
        break;
      }
      if (code !== SPACE) last = at;
    }
    if (at === end) throw new Unsupported(); // not closed on this line
    this.scalarAt(offset, last + 1);
    return resolvePlain(text.slice(offset, last + 1));
  }

  /** A double-quoted scalar on one line; `after` is the offset after its closing quote. */
  private doubleQuoted(offset: number, end: number): string {
    const text = this.text;
    let value = "";
    let from = offset + 1;
    for (let at = from; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code === DOUBLE_QUOTE) {
        this.after = at + 1;
        return value + text.slice(from, at);
      }
      if (code !== BACKSLASH) continue;
      value += text.slice(from, at);
      const escaped = text[at + 1] as string;
      const simple = ESCAPES[escaped];
      if (simple !== undefined) {
        value += simple;
        at++;
      } else if (escaped === "x" || escaped === "u") {
        const length = escaped === "x" ? 2 : 4;
        const hex = text.slice(at + 2, at + 2 + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw new Unsupported();
        value += String.fromCharCode(Number.parseInt(hex, 16));
        at += 1 + length;
      } else {
        throw new Unsupported();
      }
      from = at + 1;
    }
    throw new Unsupported(); // continues on the next line, or never closed
  }

  /** A single-quoted scalar on one line; `after` is the offset after its closing quote. */
  private singleQuoted(offset: number, end: number): string {
    const text = this.text;
    let value = "";
    let from = offset + 1;
    for (;;) {
      const quote = text.indexOf("'", from);
      if (quote === -1 || quote >= end) throw new Unsupported();
      value += text.slice(from, quote);
      if (text.charCodeAt(quote + 1) !== SINGLE_QUOTE) {
        this.after = quote + 1;
        return value;
      }
      value += "'";
      from = quote + 2;
    }
  }
}
