import { type Document, isAlias, isCollection, isMap, isScalar, isSeq, type LineCounter, type Scalar, visit, type YAMLError } from "yaml";
import type { Severity } from "../diagnostic.js";

/** One YAML problem as smtpcfg reports it: the cause, in words, at the offsets to underline. */
export interface YamlProblem {
  /** yaml's own error or warning; none for the problems smtpcfg finds in a document yaml accepts. */
  error?: YAMLError;
  severity: Severity;
  message: string;
  from: number;
  to: number;
}

type Explained = Omit<YamlProblem, "severity">;

/** A key that looks like a key; anything else may be a secret written where a key was expected. */
const KEY_LIKE = /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/;

/**
 * yaml's errors, each worded for people who edit configuration by hand, one finding per mistake.
 * A tab, a wrongly indented line or an unclosed bracket makes yaml misread the structure of the
 * rest of the file, and it reports errors there that are only echoes of the first. So, like
 * actionlint, only the first such error is kept; tabs and repeated keys are separate mistakes
 * wherever they are, and each of them is kept.
 */
export function yamlProblems(document: Document.Parsed, text: string, lineCounter: LineCounter): YamlProblem[] {
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  // The end counts: an error that runs up to the start of a line touches that line's mistake.
  const lines = (error: YAMLError): [number, number] => [lineOf(error.pos[0]), lineOf(Math.max(error.pos[0], error.pos[1]))];
  const errors = [...document.errors, ...document.warnings];
  const tabs = document.errors.filter((error) => error.code === "TAB_AS_INDENT");
  const tabLines = new Set(tabs.map((error) => lines(error)[0]));
  const firstTabLine = Math.min(...tabLines);
  const structural = document.errors
    .filter((error) => error.code !== "TAB_AS_INDENT" && error.code !== "DUPLICATE_KEY")
    .filter((error) => {
      const [first, last] = lines(error);
      return first < firstTabLine && ![...tabLines].some((line) => first <= line && line <= last);
    })
    // On a tie, the over-indented line (MULTILINE_IMPLICIT_KEY) says more than its echo.
    .sort((a, b) => a.pos[0] - b.pos[0] || Number(b.code === "MULTILINE_IMPLICIT_KEY") - Number(a.code === "MULTILINE_IMPLICIT_KEY"));
  const kept = new Set([
    ...tabs,
    ...structural.slice(0, 1),
    // A stack overflow in the parser is reported on its own (see yaml-document.ts).
    ...document.errors.filter((error) => /call stack/i.test(error.message)),
    ...document.warnings,
  ]);
  const context = { document, text, lineCounter, errors };
  const isError = new Set<YAMLError>(document.errors);
  const explained = [...kept]
    .sort((a, b) => a.pos[0] - b.pos[0])
    .map((error): YamlProblem => ({ ...explain(error, context), severity: isError.has(error) ? "error" : "warning" }))
    .concat(repeatedKeys(document, lineCounter))
    .sort((a, b) => a.from - b.from);
  // A misread structure can produce odd keys of its own: look for collection keys only in a sound one.
  const sound = tabs.length === 0 && structural.length === 0;
  return sound ? [...explained, ...collectionKeys(document)] : explained;
}

interface Context {
  document: Document.Parsed;
  text: string;
  lineCounter: LineCounter;
  errors: YAMLError[];
}

function explain(error: YAMLError, context: Context): Explained {
  const plain = { error, message: withoutSource(error.message), from: error.pos[0], to: error.pos[1] };
  switch (error.code) {
    case "TAB_AS_INDENT":
      return { ...plain, message: "a tab is used for indentation; YAML allows only spaces there, so indent with spaces" };
    case "MULTILINE_IMPLICIT_KEY":
      return overIndented(error, context) ?? missingColon(error, context);
    case "MISSING_CHAR":
      if (error.message.startsWith("Sequence item without")) return underIndented(error, context);
      return error.message.startsWith("Implicit map keys need to be followed") ? missingColon(error, context) : plain;
    case "UNEXPECTED_TOKEN":
      return error.message.startsWith("Unexpected scalar at node end")
        ? {
            ...plain,
            message:
              "unexpected text after the end of the value (a quoted value ends at its closing quote); quote the whole value, or remove the text",
          }
        : plain;
    case "BAD_INDENT":
      return /^Flow (sequence|map) in block collection/.test(error.message) ? (unclosedFlow(error, context) ?? plain) : plain;
    default:
      return plain;
  }
}

/** yaml quotes some source text in its messages; that text could be a secret, so it is left out. */
function withoutSource(message: string): string {
  const flat = message.replace(/\s+/g, " ").trim();
  const cut =
    /^(Could not resolve tag|Not a valid tag|Block scalar header includes extra characters|Ordered maps must not include duplicate keys|Unexpected .* token in YAML stream): /.exec(
      flat,
    );
  if (cut) return cut[1] as string;
  if (flat.startsWith("Unresolved plain scalar")) return "Unresolved plain scalar";
  return flat.replace(/^Unexpected (.{4,}) in (\S+)$/, "Unexpected text in $2");
}

/** Offsets of the first non-blank character of the line holding `offset`, and of the line's end. */
function lineContent(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const end = text.indexOf("\n", start);
  const stop = end === -1 ? text.length : end;
  const first = start + (/^[ \t]*/.exec(text.slice(start, stop))?.[0].length ?? 0);
  return [first, stop];
}

/** The 1-based column where the keys of the line holding `offset` start (after any `- `). */
function keyColumn(text: string, offset: number, lineCounter: LineCounter): number {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const indent = /^[ ]*(?:-[ ]+)*/.exec(text.slice(start))?.[0].length ?? 0;
  return lineCounter.linePos(start + indent).col;
}

/**
 * Every key repeated in its mapping, found in one pass with the first key of the same name. yaml
 * can report these itself (its uniqueKeys option), but it compares each key with every key before
 * it, which takes minutes for a file of some ten thousand keys; so it is not asked to.
 */
function repeatedKeys(document: Document.Parsed, lineCounter: LineCounter): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(document, {
    Map(_, map) {
      const firsts = new Map<unknown, Scalar>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        const first = firsts.get(key.value);
        if (first === undefined) firsts.set(key.value, key);
        else if (key.range) problems.push(repeatedKey(key, first, lineCounter));
      }
    },
  });
  return problems;
}

function repeatedKey(key: Scalar, first: Scalar, lineCounter: LineCounter): YamlProblem {
  const [from, to] = key.range as [number, number, number];
  const firstLine = first.range ? ` (first on line ${lineCounter.linePos(first.range[0]).line})` : "";
  const name = typeof key.value === "string" && KEY_LIKE.test(key.value) ? ` ${JSON.stringify(key.value)}` : "";
  return {
    severity: "error",
    message: `duplicate key${name}${firstLine}: YAML forbids repeating a key in a mapping, and tools that accept it keep only one of the values; keep one`,
    from,
    to,
  };
}

/**
 * `- name: contoso` followed by a line indented deeper than `name`: yaml reads that line as more
 * of the plain value `contoso`, then finds a `:` in it. The mistake is the indentation of that line.
 */
function overIndented(error: YAMLError, { text, lineCounter, errors }: Context): Explained | undefined {
  const [start, end] = error.pos;
  const startLine = lineCounter.linePos(start).line;
  const endLine = lineCounter.linePos(end).line;
  const nested = errors.some((other) => other.code === "BLOCK_AS_IMPLICIT_KEY" && other.pos[0] === start);
  if (endLine === startLine || !nested) return undefined;
  const [from, to] = lineContent(text, end);
  const column = keyColumn(text, start, lineCounter);
  return {
    error,
    message: `this line is indented deeper than the key on line ${startLine}, so YAML reads it as more of that key's value; indent it to column ${column}, like the key above`,
    from,
    to,
  };
}

/** `tenantId 2487…` or `tenantId:2487…`: no ": " after the key, so the line is one plain scalar, or joins the next one into a key. */
function missingColon(error: YAMLError, { text }: Context): Explained {
  const [from, to] = lineContent(text, error.pos[0]);
  return {
    error,
    message:
      'this line has no ": " after its key, so YAML does not read it as key and value; write "key: value", with a space after the colon',
    from,
    to,
  };
}

function underIndented(error: YAMLError, { text }: Context): Explained {
  const [from, to] = lineContent(text, error.pos[0]);
  return {
    error,
    message:
      'this line is indented less than the keys above it but deeper than their "-", so YAML cannot tell where it belongs; align it with the keys above, or start a new list item with "- "',
    from,
    to,
  };
}

/** `apps: [a, b` and then the next key: point at the `[` that is never closed. */
function unclosedFlow(error: YAMLError, { document, lineCounter }: Context): Explained | undefined {
  const at = error.pos[0];
  let open: { start: number; mapping: boolean } | undefined;
  visit(document, (_, node) => {
    if (!isCollection(node) || !node.flow || !node.range) return;
    const [start, end] = node.range;
    // The innermost flow collection that runs up to the error.
    if (start < at && end >= at && (open === undefined || start > open.start)) open = { start, mapping: isMap(node) };
  });
  if (open === undefined) return undefined;
  const [what, opening, closing] = open.mapping ? ["flow mapping", "{", "}"] : ["flow sequence", "[", "]"];
  return {
    error,
    message: `this ${what} "${opening}" is not closed before line ${lineCounter.linePos(at).line}: add the missing "${closing}", or indent its lines deeper than the key it belongs to`,
    from: open.start,
    to: open.start + 1,
  };
}

/** The first alias of the document (`*name`), or the first to the given anchor: where an alias bomb starts expanding, or the alias to nothing. */
export function firstAlias(document: Document.Parsed, anchor?: string): [number, number] | undefined {
  let range: [number, number] | undefined;
  visit(document, {
    Alias(_, alias) {
      if (anchor !== undefined && alias.source !== anchor) return undefined;
      if (alias.range) range = [alias.range[0], alias.range[1]];
      return visit.BREAK;
    },
  });
  return range;
}

/**
 * Keys that are mappings or lists. yaml accepts them, but data keys are text, so it would turn
 * them into strings (and print a warning). In a config they are a mistake, nearly always an
 * unquoted template placeholder: `tenantId: {{tenantid}}` is a mapping whose key is a mapping.
 */
function collectionKeys(document: Document.Parsed): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(document, {
    Map(_, map) {
      for (const pair of map.items) {
        if (!isCollection(pair.key)) continue;
        // `{{name}}`: underline the whole value, both pairs of braces, not just the inner one.
        const placeholder = map.flow === true && isMap(pair.key) && pair.key.flow === true && map.items.length === 1;
        const range = placeholder ? map.range : pair.key.range;
        if (!range) continue;
        problems.push({
          severity: "error",
          message: placeholder
            ? "this value is a mapping inside a mapping, not text: YAML reads { as the start of a mapping, so a template placeholder such as {{name}} must be quoted; write it in double quotes"
            : `a ${isMap(pair.key) ? "mapping" : "list"} is used as a key here, and keys must be text; quote it if it is meant as text`,
          from: range[0],
          to: range[1],
        });
      }
    },
  });
  return problems;
}

/** A plain `<<` key, which `merge: true` reads as a merge of the mappings its value names. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === "symbol";
}

/** The first value of a merge key (`<<`) that is not a mapping, an alias of one, or a list of those. */
export function badMergeSource(document: Document.Parsed): [number, number] | undefined {
  let range: [number, number] | undefined;
  const isMapping = (node: unknown) => isMap(isAlias(node) ? node.resolve(document) : node);
  visit(document, {
    Pair(_, pair) {
      if (!isMergeKey(pair.key)) return undefined;
      const value = isAlias(pair.value) ? pair.value.resolve(document) : pair.value;
      const good = isSeq(value) ? value.items.every(isMapping) : isMap(value);
      const at = (pair.value as { range?: [number, number, number] } | null)?.range ?? (pair.key as Scalar).range;
      if (good || !at) return undefined;
      range = [at[0], at[1]];
      return visit.BREAK;
    },
  });
  return range;
}
