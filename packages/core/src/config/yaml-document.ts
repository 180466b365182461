import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
} from "yaml";
import type { Diagnostic, Range } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import type { SourceText } from "../source.js";
import { LineIndex } from "../text/line-index.js";
import { locateSpot, parseBlockYaml } from "./block-yaml.js";
import type { DataPath } from "./data-path.js";
import { excessiveItemsAt, MAX_YAML_ITEMS } from "./item-count.js";
import { excessiveNestingAt, MAX_FLOW_NESTING } from "./nesting.js";
import { type SecretSpan, secretSpanAt, secretSpans } from "./secret-positions.js";
import { asWritten, badMergeSource, firstAlias, isMergeKey, yamlProblems } from "./yaml-errors.js";
import { configTags, shortTag } from "./yaml-tags.js";

/** yaml's limit on alias expansion; a "billion laughs" document trips it and gets a diagnostic. */
const MAX_ALIAS_COUNT = 100;

/**
 * How every config is parsed. `merge: true`: `<<: *anchor` merges a mapping, as most YAML tools
 * do. `logLevel: "error"`: yaml prints nothing to stderr itself; what it would warn about is a
 * finding (see yaml-errors.ts). `customTags`: the data is only ever text, numbers, booleans,
 * null, lists and mappings (see yaml-tags.ts). `uniqueKeys: false`: yaml's check of repeated keys
 * takes time that grows with the square of the keys in a mapping; yaml-errors.ts finds them in one pass.
 * Made when yaml first parses: yaml-tags.ts and yaml-errors.ts are a chunk of their own (see the
 * CLI's build.mjs), which a config the block reader reads whole never loads.
 */
const parseOptions = () => ({ prettyErrors: false, uniqueKeys: false, merge: true, logLevel: "error", customTags: configTags }) as const;

export interface YamlSource {
  source: SourceText;
  /** yaml's document with source positions (built on first use when the fast path read the data). */
  readonly document: Document.Parsed;
  /** The plain data, or undefined when the document has syntax errors. */
  data: unknown;
  syntaxDiagnostics: Diagnostic[];
  locate(path: DataPath, options?: { key?: boolean }): Range;
  /** How the value at a path is written, where its data does not tell (for messages about it). */
  written(path: DataPath): Written;
}

export interface Written {
  /** The value's explicit tag, short (`!!str`), if it has one. */
  tag?: string;
  /** Whether the value is a quoted scalar. */
  quoted: boolean;
  /** The path's last key as written, when YAML read it as no text (`587`, `~`, `true`), which the data shows otherwise ("587", ""). */
  key?: string;
  /** A plain scalar value as written: where YAML reads it as a number or a boolean, the data shows it otherwise (`1e10`, `0x1F`, `.inf`). */
  source?: string;
}

/** yaml's document of a text, with what is needed to turn offsets into positions. */
interface Positioned {
  document: Document.Parsed;
  lineCounter: LineCounter;
  rangeOf(from: number, to: number): Range;
  locate(path: DataPath, options?: { key?: boolean }): Range;
}

/**
 * The text the parsers are given. YAML 1.2 reads a lone CR as a line break, as editors do, but
 * yaml and the fast path read it as none (`a: 1`, CR, `b: 2` would be one line, and an error):
 * each is made an LF, which keeps every offset, so positions and --fix edits still refer to the
 * file's own text (exported for the fast path's tests).
 */
export function parsedText(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}

/**
 * Offsets to positions, with lines counted as editors count them (a lone CR is one line break, as
 * in parsedText) and never between the CR and LF of a line break; counted on first use.
 */
function rangesIn(text: string): (from: number, to: number) => Range {
  let lines: LineIndex | undefined;
  return (from, to) => {
    lines ??= new LineIndex(text);
    return lines.range(from, to);
  };
}

function positioned(text: string, parse = true): Positioned {
  const lineCounter = new LineCounter();
  const document = parseDocument(parse ? text : "", { ...parseOptions(), lineCounter });
  const rangeOf = rangesIn(text);
  const locate = (path: DataPath, options: { key?: boolean } = {}): Range => {
    const [from, to] = locateOffsets(document, text, path, options.key ?? false);
    return rangeOf(from, to);
  };
  return { document, lineCounter, rangeOf, locate };
}

/**
 * Reads a config's YAML. Most configs are plain block YAML, which the fast path reads, positions
 * included, without building yaml's document (yaml builds it only if something asks for it). Anything
 * else, errors included, goes through yaml.
 */
export function parseYamlSource(source: SourceText): YamlSource {
  const text = parsedText(source.text);
  const fast = parseBlockYaml(text);
  if (!fast) return parseWithYaml(source);
  let document: Document.Parsed | undefined;
  const rangeOf = rangesIn(text);
  return {
    source,
    data: fast.data,
    syntaxDiagnostics: [],
    get document() {
      document ??= parseDocument(text, parseOptions());
      return document;
    },
    locate: (path, options = {}) => rangeOf(...locateSpot(fast, text, path, options.key ?? false)),
    // The fast path reads no tags, and only keys that are text.
    written: (path) => {
      const [from, to] = locateSpot(fast, text, path, false);
      return isQuote(text[from]) ? { quoted: true } : { quoted: false, source: text.slice(from, to) };
    },
  };
}

const isQuote = (char: string | undefined) => char === '"' || char === "'";

/** The whole file through yaml: the path for everything the fast path declines (exported for the tests that compare the two). */
export function parseWithYaml(source: SourceText): YamlSource {
  const text = parsedText(source.text);
  const tooDeep = excessiveNestingAt(text);
  const tooMany = tooDeep === -1 ? excessiveItemsAt(text) : -1;
  const refused = tooDeep !== -1 || tooMany !== -1;
  const { document, lineCounter, rangeOf, locate } = positioned(text, !refused);
  const diagnostic = (message: string, [from, to]: readonly [number, number]): Diagnostic => ({
    ruleId: "yaml-syntax",
    severity: "error",
    message,
    file: source.file,
    range: rangeOf(from, to),
    docsUrl: ruleDocsUrl("yaml-syntax"),
  });
  let found: readonly SecretSpan[] | undefined;
  const spans = () => {
    found ??= refused ? [] : secretSpans(document);
    return found;
  };
  const problems = refused ? [] : yamlProblems(document, text, lineCounter, spans);
  const overflow = problems.find((problem) => /call stack/i.test(problem.error?.message ?? ""));
  const syntaxDiagnostics = (overflow ? [overflow] : problems).map((problem) =>
    diagnostic(yamlMessage(problem.message), [problem.from, problem.to]),
  );
  if (tooDeep !== -1) {
    const message = `nesting is deeper than ${MAX_FLOW_NESTING} levels; a configuration never needs this many, so the file is not parsed`;
    syntaxDiagnostics.push(diagnostic(message, [tooDeep, tooDeep + 1]));
  }
  if (tooMany !== -1) {
    const message = `the file has more than ${MAX_YAML_ITEMS.toLocaleString("en")} lines and list items, more than a configuration ever needs (a thousand tenants take some 40,000), so it is not parsed`;
    syntaxDiagnostics.push(diagnostic(message, [tooMany, tooMany + 1]));
  }
  let data: unknown;
  if (syntaxDiagnostics.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      syntaxDiagnostics.push(toJsProblem(document, spans, (error as Error).message, diagnostic));
    }
  }
  return { source, document, data, syntaxDiagnostics, locate, written: (path) => writtenAt(document, path) };
}

/**
 * yaml throws for three things when it builds the data: an alias to no anchor, an alias bomb, and
 * a merge of something that is not a mapping. (An alias inside the node it names is found before,
 * in yaml-errors.ts.)
 */
function toJsProblem(
  document: Document.Parsed,
  spans: () => readonly SecretSpan[],
  message: string,
  diagnostic: (message: string, range: readonly [number, number]) => Diagnostic,
): Diagnostic {
  const unresolved = /^Unresolved alias[^:]*: (.*)$/s.exec(message)?.[1];
  if (unresolved !== undefined) {
    const at = firstAlias(document, unresolved) ?? [0, 0];
    // `clientSecret: *Abc8Q~…` is a secret that starts with `*`: its "name" is the secret.
    const secret = secretSpanAt(spans(), ...at);
    if (secret) {
      return diagnostic(
        `the value of ${secret.key} starts with "*", which YAML reads as an alias, and no anchor of that name is defined before it (the value is not shown, as it may be the secret): quote the value; better, reference the secret with {env: NAME} or {file: PATH}`,
        at,
      );
    }
    const name = asWritten(unresolved);
    return diagnostic(`alias *${name} refers to no anchor &${name} defined before it; define the anchor first, or write the value out`, at);
  }
  if (message.startsWith("Merge sources")) {
    return diagnostic(
      "a merge key (<<) copies the keys of a mapping, but this value is not a mapping: write an alias of one (<<: *name), a mapping, or a list of them",
      badMergeSource(document) ?? [0, 0],
    );
  }
  return diagnostic(
    `aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT}, as in a "billion laughs" file), so they are not expanded: a configuration never needs this many; write the values out`,
    firstAlias(document) ?? [0, 0],
  );
}

function yamlMessage(message: string): string {
  if (/call stack/i.test(message))
    return "nesting is too deep to parse; a configuration never needs this many levels, so the file is not parsed";
  return message;
}

/** A scalar key as the data has it: yaml makes every key text, null the empty text (`587:` is "587", `~:` is ""). */
function dataKey(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null || key.value === undefined ? "" : String(key.value);
}

/** Where a key of a mapping is written: its own pair, or the alias of the merged mapping it comes from. */
function findKey(document: Document.Parsed, map: Node, key: string | number, depth = 0): { pair: Pair } | { alias: Node } | undefined {
  if (!isMap(map) || depth > 16) return undefined;
  const wanted = String(key);
  const pair = map.items.find((item) => dataKey(item.key) === wanted);
  if (pair) return { pair };
  for (const merge of map.items) {
    if (!isMergeKey(merge.key)) continue;
    const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
    for (const source of sources) {
      if (isAlias(source)) {
        const target = source.resolve(document);
        if (target && findKey(document, target, key, depth + 1)) return { alias: source };
      } else if (isNode(source)) {
        // A mapping written in place: the key is in this file, at its own position.
        const found = findKey(document, source, key, depth + 1);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/**
 * The node a path leads to, and the key it is the value of: where the path leaves the document
 * (a key or item that is not there), the last node on the way. A value that comes through an
 * alias (`*name`, or a merge `<<: *name`) is that alias, where it enters this part of the file.
 */
function nodeAt(document: Document.Parsed, path: DataPath): { node: unknown; keyNode?: Node } {
  let node: unknown = document.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (!isCollection(node)) break;
    if (isMap(node)) {
      const found = findKey(document, node, segment);
      if (!found) break;
      if ("alias" in found) return { node: found.alias };
      keyNode = isNode(found.pair.key) ? found.pair.key : undefined;
      node = found.pair.value;
    } else {
      node = node.items[Number(segment)];
      keyNode = undefined;
    }
  }
  return keyNode ? { node, keyNode } : { node };
}

/** The offsets to underline for a path: a scalar's value, or the key that holds a collection (see nodeAt). */
function locateOffsets(document: Document.Parsed, text: string, path: DataPath, wantKey: boolean): [number, number] {
  const { node, keyNode } = nodeAt(document, path);
  const target = wantKey || isCollection(node) || !isNode(node) ? (keyNode ?? node) : node;
  const range = isNode(target) ? target.range : undefined;
  if (!range) return [0, 0];
  const lineEnd = text.indexOf("\n", range[0]);
  const end = isCollection(target) ? Math.min(range[1], lineEnd === -1 ? range[1] : lineEnd) : range[1];
  return [range[0], end];
}

/** How the value at a path is written: through an alias, as the node it names is written. */
function writtenAt(document: Document.Parsed, path: DataPath): Written {
  const { node: found, keyNode } = nodeAt(document, path);
  const node = isAlias(found) ? found.resolve(document) : found;
  const written: Written = { quoted: isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") };
  if (isNode(node) && node.tag) written.tag = shortTag(node.tag);
  if (isScalar(node) && node.type === "PLAIN" && node.source !== undefined) written.source = node.source;
  const last = path.at(-1);
  if (isScalar(keyNode) && typeof keyNode.value !== "string" && keyNode.source !== undefined && dataKey(keyNode) === String(last))
    written.key = String(keyNode.source);
  return written;
}
