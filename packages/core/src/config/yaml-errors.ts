import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  Parser,
  type Scalar,
  visit,
  type YAMLError,
} from "yaml";
import { type SecretSpan, secretSpanAt } from "./secret-positions.js";
import { STANDARD_TAG, shortTag } from "./yaml-tags.js";

/**
 * One YAML problem as smtpcfg reports it: the cause, in words, at the offsets to underline. Every
 * one is an error: a file that YAML does not read as the config it looks like is not checked further.
 */
export interface YamlProblem {
  /** yaml's own error or warning; none for the problems smtpcfg finds in a document yaml accepts. */
  error?: YAMLError;
  message: string;
  from: number;
  to: number;
}

/** A key that looks like a key; anything else may be a secret written where a key was expected. */
const KEY_LIKE = /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/;

/** Codes of the mistakes in a value's tag: each is a mistake of its own, which leaves the structure as it is. */
const TAG_CODES = new Set(["TAG_RESOLVE_FAILED", "BAD_COLLECTION_TYPE"]);

/**
 * yaml's errors and warnings, each worded for people who edit configuration by hand, one finding
 * per mistake. A tab, a wrongly indented line or an unclosed bracket makes yaml misread the
 * structure of the rest of the file, and it reports errors there that are only echoes of the
 * first. So, like actionlint, only the first such error is kept; tabs, tags, repeated keys and
 * what yaml calls warnings are separate mistakes wherever they are, and each of them is kept.
 * No message quotes what is written where a secret is (see secret-positions.ts).
 */
export function yamlProblems(
  document: Document.Parsed,
  text: string,
  lineCounter: LineCounter,
  spans: () => readonly SecretSpan[],
): YamlProblem[] {
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  // The end counts: an error that runs up to the start of a line touches that line's mistake.
  const lines = (error: YAMLError): [number, number] => [lineOf(error.pos[0]), lineOf(Math.max(error.pos[0], error.pos[1]))];
  const errors = [...document.errors, ...document.warnings];
  const tabs = document.errors.filter((error) => error.code === "TAB_AS_INDENT");
  const tabLines = new Set(tabs.map((error) => lines(error)[0]));
  const firstTabLine = Math.min(...tabLines);
  const structural = document.errors
    .filter((error) => error.code !== "TAB_AS_INDENT" && error.code !== "DUPLICATE_KEY" && !TAG_CODES.has(error.code))
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
    ...oneTagProblemEach(errors.filter((error) => TAG_CODES.has(error.code))),
    ...document.warnings.filter((error) => !TAG_CODES.has(error.code)),
  ]);
  const context = { document, text, lineCounter, errors, spans };
  const explained = [...kept]
    .sort((a, b) => a.pos[0] - b.pos[0])
    .map((error) => explain(error, context))
    .concat(repeatedKeys(document, lineCounter, context))
    .sort((a, b) => a.from - b.from);
  // A misread structure can produce odd keys and aliases of its own: look for them only in a sound one.
  const sound = tabs.length === 0 && structural.length === 0;
  // Without a `*` in the text there is no alias: the walk over every node is spared.
  const aliases = sound && text.includes("*") ? aliasProblems(document, context) : [];
  return sound ? [...explained, ...collectionKeys(document), ...aliases] : explained;
}

/** `!!` gives yaml's error (no suffix) and its warning (unresolved) at the same tag: one finding. */
function oneTagProblemEach(errors: readonly YAMLError[]): YAMLError[] {
  const seen = new Set<number>();
  return errors.filter((error) => !seen.has(error.pos[0]) && seen.add(error.pos[0]));
}

interface Context {
  document: Document.Parsed;
  text: string;
  lineCounter: LineCounter;
  errors: YAMLError[];
  /** Where secrets are written, found on first use: most files have no problem that needs them. */
  spans: () => readonly SecretSpan[];
}

/** A secret key written on the line before `offset` (`clientSecret: !x`): where the structure is misread, the text still says it. */
const SECRET_KEY_BEFORE = /(?:^|[\s{,?-])["']?(clientSecret|credential|certificate)["']?[ \t]*:(?:[ \t][^:]*)?$/;

/** The key of the secret that the offsets are in, if they are in one: its value is named, never quoted. */
function secretAt({ spans, text }: Context, from: number, to: number): string | undefined {
  const span = secretSpanAt(spans(), from, to);
  if (span) return span.key;
  const lineStart = text.lastIndexOf("\n", from - 1) + 1;
  return SECRET_KEY_BEFORE.exec(text.slice(lineStart, from))?.[1];
}

/** What is said instead of the value of a secret. */
const NOT_SHOWN = "the value is not shown, as it may be the secret";
const REFERENCE = "better, reference the secret with {env: NAME} or {file: PATH}";

function explain(error: YAMLError, context: Context): YamlProblem {
  const plain = { error, message: withoutSource(error.message), from: error.pos[0], to: error.pos[1] };
  switch (error.code) {
    case "TAB_AS_INDENT":
      return { ...plain, message: "a tab is used for indentation; YAML allows only spaces there, so indent with spaces" };
    case "MULTILINE_IMPLICIT_KEY":
      return overIndented(error, context) ?? missingColon(error, context);
    case "MISSING_CHAR":
      if (error.message.startsWith("Sequence item without")) return underIndented(error, context);
      if (error.message.startsWith("Missing closing")) return unclosedQuote(error, context) ?? plain;
      return error.message.startsWith("Implicit map keys need to be followed") ? missingColon(error, context) : plain;
    case "BLOCK_AS_IMPLICIT_KEY":
      if (error.message.startsWith("Nested mappings")) return colonInValue(error, context);
      return error.message.startsWith("A block sequence") ? listAmongKeys(error, context) : plain;
    case "BAD_SCALAR_START":
      return reservedStart(error, context);
    case "KEY_OVER_1024_CHARS":
      return {
        ...plain,
        message:
          'this key is longer than 1024 characters, more than YAML allows before the ":" of a key; the keys of a config are short names: check for a missing line break or quote',
      };
    case "UNEXPECTED_TOKEN":
      return error.message.startsWith("Unexpected scalar at node end")
        ? {
            ...plain,
            message:
              "unexpected text after the end of the value (a quoted value ends at its closing quote); quote the whole value, or remove the text",
          }
        : plain;
    case "BAD_INDENT":
      if (error.message.startsWith("All mapping items must start at the same column")) return misaligned(error, context);
      return /^Flow (sequence|map) in block collection/.test(error.message) ? (unclosedFlow(error, context) ?? plain) : plain;
    case "TAG_RESOLVE_FAILED":
    case "BAD_COLLECTION_TYPE":
      return { ...plain, message: tagMessage(error, context) };
    case "BAD_DIRECTIVE":
      return { ...plain, message: directiveMessage(error) };
    case "BAD_DQ_ESCAPE": {
      const secret = secretAt(context, error.pos[0], error.pos[1]);
      const fix = "write \\\\ for a backslash, or use single quotes, in which a backslash is just a backslash";
      return {
        ...plain,
        message: secret
          ? `the value of ${secret} has a backslash that starts no escape YAML knows, in double quotes (${NOT_SHOWN}); ${fix}; ${REFERENCE}`
          : `invalid escape sequence ${asWritten(/^Invalid escape sequence (.*)$/s.exec(error.message)?.[1] ?? "")} in a double-quoted value: in double quotes a backslash starts an escape such as \\n; ${fix}`,
      };
    }
    case "BAD_ALIAS": {
      const what = error.message.startsWith("Anchor") ? "anchor" : "alias";
      return {
        ...plain,
        message: `this ${what} name ends with ":", which YAML can read as part of the name or as the colon after a key; write a space before the ":", or leave the ":" out`,
      };
    }
    case "MULTIPLE_DOCS":
      return { ...plain, message: multipleDocuments(context.text) };
    default:
      return plain;
  }
}

const VALUE_OF_TAG: Record<string, string> = {
  int: "a whole number (such as 587)",
  float: "a number (such as 1.5)",
  bool: "true or false",
  null: "null (null or ~)",
  str: "text",
  map: "a mapping",
  seq: "a list",
};
/** YAML's tags that a value may carry, though a config needs none; every other !! tag is unknown. */
const KNOWN_STANDARD = new Set([...Object.keys(VALUE_OF_TAG), "binary", "set", "omap", "pairs", "timestamp", "merge", "value", "yaml"]);

/** Syntax written in the file (a tag, a directive's name, an alias), never a value: shown as written, shortened if long. */
export function asWritten(source: string): string {
  return source.length > 40 ? `${source.slice(0, 39)}…` : source;
}

/** Why yaml could not read a tag, in words (its own messages quote the tag). */
function unreadableTag(message: string): string {
  if (message.startsWith("Could not resolve tag")) return "its handle is not declared by a %TAG line";
  if (message.startsWith("Verbatim tags")) return "a verbatim tag !<…> names no tag YAML knows";
  if (/^The .* tag has no suffix/.test(message)) return "it has no name after its handle";
  return "it is not a valid tag";
}

/**
 * A tag yaml does not resolve, or resolves to something no config holds. A tag of YAML's own is
 * named, since it says what the value is taken for; any other tag is shown as written, unless it
 * is written where a secret is: `clientSecret: !Abc8Q~…` is a secret that begins with `!`.
 */
function tagMessage(error: YAMLError, context: Context): string {
  const [from, to] = error.pos;
  const secret = secretAt(context, from, to);
  const tag = asWritten(context.text.slice(from, to));
  if (error.code === "BAD_COLLECTION_TYPE") {
    const [, name = "", kind = "", expects = ""] = /^(\S+) used for (\w+) collection, but expects (\w+)/.exec(error.message) ?? [];
    const wanted = expects === "scalar" ? "a single value" : expects === "map" ? "a mapping" : "a list";
    return `this ${kind === "map" ? "mapping" : "list"} is tagged ${shortTag(name)}, which is for ${wanted}: remove the tag (a config needs none)`;
  }
  // The tags of yaml-tags.ts that no config holds say so themselves, naming only YAML's own tag.
  if (error.message.startsWith("this value is tagged"))
    return secret ? error.message.replace("this value", `the value of ${secret}`) : error.message;
  const resolved = /^Unresolved tag: (.*)$/s.exec(error.message)?.[1];
  const standard = resolved?.startsWith(STANDARD_TAG) ? resolved.slice(STANDARD_TAG.length) : undefined;
  const subject = secret ? `the value of ${secret}` : "this value";
  if (standard !== undefined && VALUE_OF_TAG[standard]) {
    const written = ["str", "map", "seq"].includes(standard) ? "" : " as YAML 1.2 writes it";
    return `${subject} is tagged !!${standard}, but is not ${VALUE_OF_TAG[standard]}${written}: remove the tag (a config needs none), or correct the value`;
  }
  if (standard !== undefined && KNOWN_STANDARD.has(standard))
    return `${subject} is tagged !!${standard}, which a config has no use for: remove the tag`;
  if (secret) {
    return `the value of ${secret} starts with "!", which YAML reads as a tag, not as text, and it is no tag YAML knows (${NOT_SHOWN}): quote the value; ${REFERENCE}`;
  }
  if (resolved === undefined)
    return `${tag} is not a tag YAML can read (${unreadableTag(error.message)}): remove it, or quote the value if it is text`;
  return `unknown tag ${tag}: YAML has no such tag, and the tags of other tools (CloudFormation's, Ansible's) mean nothing to smtpcfg; remove the tag and write the value itself, quoted if it starts with "!"`;
}

/** `%YAML 1.3` or `%FOO`: a directive line is never a value, so what it says is shown. */
function directiveMessage(error: YAMLError): string {
  const version = /^Unsupported YAML version (.*)$/s.exec(error.message)?.[1];
  if (version !== undefined)
    return `%YAML ${asWritten(version)} is not a YAML version smtpcfg reads: a config is YAML 1.2 (1.1 is read too); remove the %YAML line`;
  const name = /^Unknown directive (.*)$/s.exec(error.message)?.[1];
  if (name !== undefined)
    return `unknown directive ${asWritten(name)}: YAML has only %YAML and %TAG, and a config needs neither; remove the line (a value that starts with % must be quoted)`;
  return withoutSource(error.message);
}

/** A `---` line after the first document, or text after a `...` line: a config is one document. */
function multipleDocuments(text: string): string {
  const documents = [...new Parser().parse(text)].filter((token) => token.type === "document");
  const empty = documents.slice(1).every((document) => document.type === "document" && document.value === undefined);
  if (documents.length === 2 && empty)
    return "a config is one YAML document, and this --- line starts a second one, with nothing in it: remove the line";
  return `a config is one YAML document, but this file has ${documents.length}: this line starts the second (a --- line starts a document, and a ... line ends one); remove it and keep one document, or move each other document into a file of its own`;
}

/** yaml quotes some source text in its messages; that text could be a secret, so it is left out. */
function withoutSource(message: string): string {
  const flat = message.replace(/\s+/g, " ").trim();
  const cut =
    /^(Could not resolve tag|Not a valid tag|Block scalar header includes extra characters|Ordered maps must not include duplicate keys|Not a YAML token|Unexpected .* token in YAML stream): /.exec(
      flat,
    ) ?? /^(Invalid escape sequence) /.exec(flat);
  if (cut) return cut[1] as string;
  if (flat.startsWith("Unresolved plain scalar")) return "Unresolved plain scalar";
  if (flat.startsWith("Verbatim tags aren't resolved")) return "Verbatim tags aren't resolved";
  if (/^The .* tag has no suffix$/.test(flat)) return "A tag has no suffix";
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
function repeatedKeys(document: Document.Parsed, lineCounter: LineCounter, context: Context): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(document, {
    Map(_, map) {
      const firsts = new Map<unknown, Scalar>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        const first = firsts.get(key.value);
        if (first === undefined) firsts.set(key.value, key);
        else if (key.range)
          problems.push(repeatedKey(key, first, lineCounter, secretAt(context, key.range[0], key.range[1]) !== undefined));
      }
    },
  });
  return problems;
}

/** A repeated key, named unless it is written inside a secret (`clientSecret: { Abc8Q~…, Abc8Q~… }`). */
function repeatedKey(key: Scalar, first: Scalar, lineCounter: LineCounter, inSecret: boolean): YamlProblem {
  const [from, to] = key.range as [number, number, number];
  const firstLine = first.range ? ` (first on line ${lineCounter.linePos(first.range[0]).line})` : "";
  const name = !inSecret && typeof key.value === "string" && KEY_LIKE.test(key.value) ? ` ${JSON.stringify(key.value)}` : "";
  return {
    message: `duplicate key${name}${firstLine}: YAML forbids repeating a key in a mapping, and tools that accept it keep only one of the values; keep one`,
    from,
    to,
  };
}

/**
 * `- name: contoso` followed by a line indented deeper than `name`: yaml reads that line as more
 * of the plain value `contoso`, then finds a `:` in it. The mistake is the indentation of that line.
 */
function overIndented(error: YAMLError, { text, lineCounter, errors }: Context): YamlProblem | undefined {
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
function missingColon(error: YAMLError, { text }: Context): YamlProblem {
  const [from, to] = lineContent(text, error.pos[0]);
  // `tenantId:` and a no-break space, as text copied from a web page or a document has it: it looks like ": ".
  const unusual = /:([\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff])/.exec(text.slice(from, to))?.[1];
  const code = unusual === undefined ? "" : `U+${unusual.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return {
    error,
    message: unusual
      ? `the space after the colon on this line is not a plain space but ${code}, which YAML does not read as one, so it does not read the line as key and value; type a plain space after the colon`
      : 'this line has no ": " after its key, so YAML does not read it as key and value; write "key: value", with a space after the colon',
    from,
    to,
  };
}

function underIndented(error: YAMLError, { text }: Context): YamlProblem {
  const [from, to] = lineContent(text, error.pos[0]);
  return {
    error,
    message:
      'this line is indented less than the keys above it but deeper than their "-", so YAML cannot tell where it belongs; align it with the keys above, or start a new list item with "- "',
    from,
    to,
  };
}

/** `  apps:` two columns left of the keys above it, and of those it might belong with: no mapping of the file has its keys there. */
function misaligned(error: YAMLError, { text }: Context): YamlProblem {
  const [from, to] = lineContent(text, error.pos[0]);
  return {
    error,
    message:
      "this line's key does not start at the same column as the other keys of any mapping around it, so YAML cannot tell which one it belongs to; indent it exactly like the keys it goes with",
    from,
    to,
  };
}

/** `displayName: SMTP: Omada`: a second ": " in a plain value starts a mapping inside it. */
function colonInValue(error: YAMLError, context: Context): YamlProblem {
  const [from, to] = error.pos;
  const secret = secretAt(context, from, to);
  // `clientSecret: env: NAME`: a reference on the key's line needs braces; quotes would make it the secret.
  const reference = secret ? /^(env|file):[ \t]/.exec(context.text.slice(from, from + 6))?.[1] : undefined;
  if (reference) {
    return {
      error,
      message: `the value of ${secret} is written "${reference}: …" on the line of its key, which YAML cannot read as a mapping there: write {${reference}: ${reference === "env" ? "NAME" : "PATH"}} in braces, or ${reference}: on a line of its own below, indented`,
      from,
      to: lineContent(context.text, from)[1],
    };
  }
  const subject = secret ? `the value of ${secret}` : "this value";
  return {
    error,
    message: `${subject} has ": " in it, which YAML reads as a key and value inside the value${secret ? ` (${NOT_SHOWN})` : ""}: put the whole value in quotes${secret ? `; ${REFERENCE}` : ""}`,
    from,
    to: lineContent(context.text, from)[1],
  };
}

/** A `- item` line among the keys of a mapping: a list there needs a key of its own (`apps:`) above it. */
function listAmongKeys(error: YAMLError, { text }: Context): YamlProblem {
  const [from] = lineContent(text, error.pos[0]);
  return {
    error,
    message:
      'this list item ("- ") is among the keys of a mapping, where YAML expects "key: value"; put it under the key it belongs to (such as apps:), or remove the "- "',
    from,
    to: from + 1,
  };
}

/** `tenantId: @contoso` or `` `x` ``: YAML reserves @ and ` at the start of a plain value. */
function reservedStart(error: YAMLError, context: Context): YamlProblem {
  const [from] = error.pos;
  const char = context.text[from] ?? "";
  const secret = secretAt(context, from, from + 1);
  return {
    error,
    message: secret
      ? `the value of ${secret} starts with ${JSON.stringify(char)}, which YAML reserves (${NOT_SHOWN}): quote the value; ${REFERENCE}`
      : `this value starts with ${JSON.stringify(char)}, which YAML reserves at the start of a value: put the value in quotes`,
    from,
    to: from + 1,
  };
}

/** `name: "contoso` with no closing quote: the value runs on to the end of the file, where yaml notices; point at its opening quote. */
function unclosedQuote(error: YAMLError, context: Context): YamlProblem | undefined {
  const at = error.pos[0];
  let opening: number | undefined;
  visit(context.document, {
    Scalar(_, scalar) {
      if ((scalar.type !== "QUOTE_DOUBLE" && scalar.type !== "QUOTE_SINGLE") || !scalar.range) return;
      if (scalar.range[0] < at && scalar.range[1] >= at && (opening === undefined || scalar.range[0] > opening)) opening = scalar.range[0];
    },
  });
  if (opening === undefined) return undefined;
  const quote = context.text[opening] ?? '"';
  const secret = secretAt(context, opening, opening + 1);
  const escaped = quote === '"' ? ' (inside double quotes, \\" is a quote that does not end the value)' : "";
  return {
    error,
    message: `${secret ? `the value of ${secret}` : "this value"} opens with ${quote} but is never closed with one, so YAML reads the rest of the file into it${escaped}; add the closing ${quote} at the end of the value`,
    from: opening,
    to: opening + 1,
  };
}

/** `apps: [a, b` and then the next key: point at the `[` that is never closed. */
function unclosedFlow(error: YAMLError, { document, lineCounter }: Context): YamlProblem | undefined {
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

/**
 * Aliases that YAML reads but a config cannot use, found in one pass in document order (an alias
 * names the last anchor of its name before it, as yaml resolves it):
 * - an alias inside the node it names (`- &m` with `<<: *m` below it): the node would contain
 *   itself, without end; yaml gives up on it as an "alias bomb";
 * - an alias that carries a value between a secret's position and a setting that is not secret
 *   (`address: *s` after `clientSecret: &s "…"`): whatever shows the setting (messages, generated
 *   scripts and XML) would show the secret.
 */
function aliasProblems(document: Document.Parsed, context: Context): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const anchors = new Map<string, { node: { range?: [number, number, number] | null }; line: number }>();
  const lineOf = (offset: number) => context.lineCounter.linePos(offset).line;
  visit(document, {
    Node(_, node, path) {
      if (node.anchor && node.range) anchors.set(node.anchor, { node, line: lineOf(node.range[0]) });
      if (!isAlias(node) || !node.range) return;
      const target = anchors.get(node.source);
      const targetRange = target?.node.range;
      if (!target || !targetRange) return;
      const [from, to] = node.range;
      const parent = path.at(-1);
      const merged = isMergeSource(parent, path.at(-2));
      if (targetRange[0] <= from && to <= targetRange[1]) {
        problems.push({ message: selfReference(node.source, merged), from, to });
        return;
      }
      const here = secretSpanAround(context.spans(), from, to);
      const there = secretSpanAround(context.spans(), targetRange[0], targetRange[1]);
      if (here && !there) {
        problems.push({
          message: `the value of ${here.key} is an alias of a value written on line ${target.line}, where no secret belongs: whatever shows that setting would show the secret; write the secret only here, and better, reference it with {env: NAME} or {file: PATH}`,
          from,
          to,
        });
      } else if (there && !here) {
        problems.push({
          message: `this alias repeats the value of ${there.key} (line ${target.line}) where no secret belongs: messages, generated scripts and XML would show it here; write this value out instead`,
          from,
          to,
        });
      }
    },
  });
  return problems;
}

/** Whether an alias is (one of) the value of a merge key `<<`. */
function isMergeSource(parent: unknown, grandparent: unknown): boolean {
  const pair = isSeq(parent) ? grandparent : parent;
  return typeof pair === "object" && pair !== null && "key" in pair && isMergeKey(pair.key);
}

function selfReference(name: string, merged: boolean): string {
  const anchor = asWritten(name);
  return merged
    ? `this mapping merges itself: <<: *${anchor} is inside the mapping anchored &${anchor}, so its keys would be copied into it without end; merge a mapping written before and outside this one, or write the keys out`
    : `this alias *${anchor} is inside the node anchored &${anchor}, so that node would contain itself without end; an alias can only repeat a node written before it, complete: write the value out`;
}

/** The secret span the offsets lie inside (a mapping that holds a secret is not itself one). */
function secretSpanAround(spans: readonly SecretSpan[], from: number, to: number): SecretSpan | undefined {
  return spans.find((span) => span.from <= from && to <= span.to);
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
