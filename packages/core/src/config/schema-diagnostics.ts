import type { ErrorObject } from "ajv";
import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import { aliasOf, closest, didYouMean } from "../text/did-you-mean.js";
import { listOr, quote } from "../text/quote.js";
import { type DataPath, displayPath, toDataPath } from "./data-path.js";
import { SECRET_HOLDERS, SECRET_KEYS } from "./secret-positions.js";
import type { Written, YamlSource } from "./yaml-document.js";

/** A key that looks like a key; anything else written under a secret may be the secret itself. */
const KEY_LIKE = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

/** ajv's error, with the schema annotations this project adds (see schemas/). */
interface AnnotatedSchema {
  "x-expected"?: string;
  "x-messages"?: Record<string, string>;
  /** Other names of allowed values, by their comparable spelling (lower case, no separators). */
  "x-aliases"?: Record<string, string>;
  /** Other names of an object's keys (appId for clientId), spelt the same way. */
  "x-key-aliases"?: Record<string, string>;
  properties?: Record<string, unknown>;
  enum?: unknown[];
  type?: string | string[];
  if?: { required?: string[] };
  else?: { required?: string[] };
}

const YAML_TYPE: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  null: "null",
};

/** A value's type as YAML_TYPE names it: a number whether or not it is whole (`1e10` is no integer to whoever wrote it). */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function underSecret(path: DataPath): boolean {
  return path.some((segment) => typeof segment === "string" && SECRET_KEYS.has(segment));
}

function mayBeSecret(path: DataPath, value: unknown): boolean {
  const last = path.at(-1);
  return underSecret(path) || (typeof last === "string" && SECRET_HOLDERS.has(last) && typeof value !== "object");
}

/** ` "value"` as messages quote it; a number or boolean as written (`1e10`, `.inf`), which the data shows otherwise (10000000000, null). */
function describeValue(path: DataPath, value: unknown, written: (path: DataPath) => Written): string {
  if (mayBeSecret(path, value)) return "";
  if (value !== null && typeof value === "object") return "";
  const source = typeof value === "number" || typeof value === "boolean" ? written(path).source : undefined;
  return ` ${source ?? quote(value)}`;
}

/** What ajv's errors say about the whole document, needed to word (or drop) a single error. */
interface Context {
  /** Per instancePath: the known keys that its unknown keys look like typos of. */
  suggested: Map<string, Set<string>>;
  /** Per instancePath: the keys of an if/else choice (credential: clientSecret or certificate). */
  alternatives: Map<string, string[]>;
  /** The instancePaths of objects with an unknown key. */
  withUnknownKeys: Set<string>;
  /** The instancePaths of values outside a fixed list, whose finding names the values allowed. */
  notInList: Set<string>;
}

function knownKeys(error: ErrorObject): string[] {
  return Object.keys((error.parentSchema as AnnotatedSchema | undefined)?.properties ?? {});
}

/** The known key an unknown key stands for: one it is another name of (appId for clientId), else the one it is a typo of. */
function suggestedKey(key: string, error: ErrorObject): string | undefined {
  return aliasOf(key, (error.parentSchema as AnnotatedSchema | undefined)?.["x-key-aliases"]) ?? closest(key, knownKeys(error));
}

/** Whether an object has more of its schema's own keys than it may ({env, file}), whatever unknown keys it has besides. */
function tooManyKnownKeys(error: ErrorObject): boolean {
  const known = knownKeys(error);
  const data = error.data !== null && typeof error.data === "object" ? Object.keys(error.data) : [];
  return data.filter((key) => known.includes(key)).length > Number((error.params as { limit: number }).limit);
}

function contextOf(errors: readonly ErrorObject[]): Context {
  const suggested = new Map<string, Set<string>>();
  const alternatives = new Map<string, string[]>();
  const withUnknownKeys = new Set<string>();
  const notInList = new Set<string>();
  for (const error of errors) {
    if (error.keyword === "enum") notInList.add(error.instancePath);
    if (error.keyword === "additionalProperties") {
      withUnknownKeys.add(error.instancePath);
      const suggestion = suggestedKey(String((error.params as { additionalProperty: string }).additionalProperty), error);
      if (suggestion === undefined) continue;
      const keys = suggested.get(error.instancePath) ?? new Set<string>();
      suggested.set(error.instancePath, keys.add(suggestion));
    } else if (error.keyword === "if") {
      const schema = (error.parentSchema ?? {}) as AnnotatedSchema;
      alternatives.set(error.instancePath, [...(schema.if?.required ?? []), ...(schema.else?.required ?? [])]);
    }
  }
  return { suggested, alternatives, withUnknownKeys, notInList };
}

/**
 * A missing key that an unknown key next to it is a typo of (`clientID` for `clientId`) is one
 * mistake: the unknown key's did-you-mean says it all, so the missing key is not reported too.
 */
function explainedByTypo(error: ErrorObject, context: Context): boolean {
  const missing = String((error.params as { missingProperty: string }).missingProperty);
  const satisfiedBy = error.schemaPath.includes("/else/") ? [missing, ...(context.alternatives.get(error.instancePath) ?? [])] : [missing];
  const typos = context.suggested.get(error.instancePath);
  return typos !== undefined && satisfiedBy.some((key) => typos.has(key));
}

interface Finding {
  message: string;
  /** Where to point, when not at the error's own value. */
  path?: DataPath;
  key?: boolean;
}

/** One finding for one ajv error, in the project's words; undefined for errors that only restate another. */
function finding(error: ErrorObject, path: DataPath, context: Context, written: (path: DataPath) => Written): Finding | undefined {
  const schema = (error.parentSchema ?? {}) as AnnotatedSchema;
  const custom = schema["x-messages"]?.[error.keyword];
  const where = displayPath(path);
  const value = describeValue(path, error.data, written);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && explainedByTypo(error, context)) return undefined;
  // Too many keys only because of unknown ones ({env: X, value: Y}): the unknown key's finding is the one mistake.
  if (error.keyword === "maxProperties" && context.withUnknownKeys.has(error.instancePath) && !tooManyKnownKeys(error)) return undefined;
  // Of the wrong type and in no list (`access: [1]`): the finding that lists the values allowed says all.
  if (error.keyword === "type" && context.notInList.has(error.instancePath)) return undefined;
  if (custom) return { message: `${where} ${custom}` };
  const expected = schema["x-expected"];
  switch (error.keyword) {
    case "if":
      return undefined;
    case "required":
      return { message: `${where} is missing the required key ${quote(params.missingProperty)}` };
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      // `587:`, `~:` or `true:` are keys YAML reads as a number, null or a boolean: quoted as written, not as the data has them.
      const asWritten = written([...path, key]).key ?? key;
      const known = knownKeys(error);
      const suggestion = suggestedKey(asWritten, error);
      const hint =
        suggestion === undefined
          ? `; expected ${known.length === 1 ? "" : "one of "}${listOr(known.map((k) => quote(k)))}`
          : `; did you mean ${JSON.stringify(suggestion)}?`;
      const shown = underSecret(path) && !KEY_LIKE.test(asWritten) ? "(not shown: it may be the secret itself)" : quote(asWritten);
      return { message: `${where} has an unknown key ${shown}${hint}`, path: [...path, key], key: true };
    }
    case "type": {
      const wanted = listOr([params.type].flat().map((t) => YAML_TYPE[String(t)] ?? String(t)));
      // `key:` with nothing after it: point at the key, as the empty value has no text to point at.
      if (error.data === null) return { message: `${where} has no value, expected ${wanted}`, key: typeof path.at(-1) === "string" };
      const tagged = typeof error.data === "string" && written(path).tag === "!!str";
      const actual = tagged ? stringBecause(written(path)) : (YAML_TYPE[typeOf(error.data)] ?? typeOf(error.data));
      // `tenantId: 1e10`, `name: true`: text to the writer, a number or a boolean to YAML unless quoted.
      const unquoted =
        value !== "" && /string/.test(String(params.type)) && (typeof error.data === "number" || typeof error.data === "boolean");
      // `port: "587"`: a number to the writer, text to YAML because of its quotes (or tag).
      const numeric = typeof error.data === "string" && /^\s*\d+\s*$/.test(error.data) && /integer|number/.test(String(params.type));
      // `access: FullAccess`: one value where a list is expected.
      const single = value !== "" && params.type === "array" && typeof error.data === "string";
      const hint =
        tagged || numeric
          ? `; ${unstring(written(path))}`
          : unquoted
            ? "; write it in quotes if it is meant as text"
            : single
              ? '; write a list, even of one value: in brackets ([…]), or as items that start with "- "'
              : "";
      return { message: `${where}${value} is ${actual}, expected ${wanted}${hint}` };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      if (error.data === null)
        return { message: `${where} has no value, expected one of ${listOr(allowed)}`, key: typeof path.at(-1) === "string" };
      const alias = typeof error.data === "string" ? aliasOf(error.data, schema["x-aliases"]) : undefined;
      const hint = alias
        ? `; did you mean ${JSON.stringify(alias)}?`
        : typeof error.data === "string"
          ? didYouMean(error.data, allowed)
          : "";
      return { message: `${where}${value} is not one of ${listOr(allowed)}${hint}` };
    }
    case "const": {
      const allowed = params.allowedValue;
      if (error.data === null)
        return { message: `${where} has no value, expected ${quote(allowed)}`, key: typeof path.at(-1) === "string" };
      if (typeof error.data === "string" && typeof allowed === "number" && error.data.trim() === String(allowed)) {
        return {
          message: `${where}${value} is ${stringBecause(written(path))}, expected the number ${allowed}; ${unstring(written(path))}`,
        };
      }
      return { message: `${where}${value} is not supported (expected ${quote(allowed)})` };
    }
    case "pattern":
    case "format":
      return { message: `${where}${value} is not ${expected ?? `a valid ${String(params.format ?? "value")}`}` };
    case "minLength":
      return { message: params.limit === 1 ? `${where} is empty` : `${where} is shorter than ${String(params.limit)} characters` };
    case "maxLength":
      return { message: `${where} is longer than ${String(params.limit)} characters` };
    case "minimum":
    case "maximum":
      return { message: `${where}${value} is out of range (must be ${String(params.comparison)} ${String(params.limit)})` };
    case "minItems":
      return { message: `${where} is empty; it needs at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}` };
    case "uniqueItems": {
      // ajv names the pair from the end of the list; point at the later one, the repeat.
      const [first, repeat] = [Number(params.i), Number(params.j)].sort((a, b) => a - b) as [number, number];
      const item = Array.isArray(error.data) ? error.data[repeat] : undefined;
      const shown = describeValue([...path, repeat], item, written).trim() || "the same value";
      return { message: `${where} lists ${shown} twice (items ${first} and ${repeat}); list each value once`, path: [...path, repeat] };
    }
    default:
      return { message: `${where} ${error.message ?? "does not match the schema"}` };
  }
}

/** Why a value that looks like a number is text: its tag, its quotes, or (a block scalar) neither. */
function stringBecause(written: Written): string {
  return written.tag === "!!str" ? "tagged !!str, which makes it a string" : "a string";
}

function unstring(written: Written): string {
  if (written.tag === "!!str") return "remove the tag";
  return written.quoted ? "write it without quotes" : "write it as a plain number";
}

/** Turns ajv's errors into diagnostics with positions, one per distinct problem. */
export function schemaDiagnostics(errors: readonly ErrorObject[], yaml: YamlSource): Diagnostic[] {
  const context = contextOf(errors);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    const path = toDataPath(error.instancePath);
    const found = finding(error, path, context, (at) => yaml.written(at));
    if (found === undefined || seen.has(found.message)) continue;
    seen.add(found.message);
    diagnostics.push({
      ruleId: "schema",
      severity: "error",
      message: found.message,
      file: yaml.source.file,
      range: yaml.locate(found.path ?? path, found.key ? { key: true } : {}),
      docsUrl: ruleDocsUrl("schema"),
    });
  }
  return diagnostics;
}

/** Keywords whose failure says nothing about the value itself; the value can still be linted. */
const KEEP_VALUE = new Set(["required", "if", "not", "minItems"]);

/** The paths of the values the schema rejected (an unknown key's path includes the key). */
export function rejectedPaths(errors: readonly ErrorObject[]): DataPath[] {
  return errors
    .filter((error) => !KEEP_VALUE.has(error.keyword))
    .map((error) => {
      const path = toDataPath(error.instancePath);
      return error.keyword === "additionalProperties"
        ? [...path, String((error.params as { additionalProperty: string }).additionalProperty)]
        : path;
    });
}

/**
 * The paths of the known keys that unknown keys look like typos of (`cloudd` for `cloud`): their
 * values are in the file under a wrong name, so rules should not judge the file by their absence.
 */
export function misspeltPaths(errors: readonly ErrorObject[]): DataPath[] {
  return errors.flatMap((error) => {
    if (error.keyword !== "additionalProperties") return [];
    const suggestion = suggestedKey(String((error.params as { additionalProperty: string }).additionalProperty), error);
    return suggestion === undefined ? [] : [[...toDataPath(error.instancePath), suggestion]];
  });
}

/**
 * The data without the values the schema rejected, so semantic rules only ever see values of the
 * documented types (DESIGN: several findings per file, never a crash). The data itself is left as
 * it is: only the mappings and lists on the way to a rejected value are copied, the rest is shared
 * (copying all of a 1,000-tenant file cost more than the rules that read it).
 */
export function pruneInvalid(data: unknown, errors: readonly ErrorObject[]): unknown {
  const paths = rejectedPaths(errors);
  if (paths.some((path) => path.length === 0)) return undefined;
  type Container = Record<string | number, unknown>;
  const copies = new Set<unknown>();
  /** The value as a copy of its own, made once: pruning never changes the data it was given. */
  const own = (value: object): Container => {
    if (copies.has(value)) return value as Container;
    const copy = Array.isArray(value) ? [...value] : { ...value };
    copies.add(copy);
    return copy as Container;
  };
  if (data === null || typeof data !== "object") return data;
  const root = own(data);
  for (const path of paths) {
    let parent: Container | undefined = root;
    for (const segment of path.slice(0, -1)) {
      const child: unknown = Object.hasOwn(parent, segment) ? parent[segment] : undefined;
      if (child === null || typeof child !== "object") {
        parent = undefined;
        break;
      }
      const copy = own(child);
      // Not an assignment: a key named __proto__ is an own property here, and must stay one.
      Object.defineProperty(parent, segment, { value: copy, writable: true, enumerable: true, configurable: true });
      parent = copy;
    }
    const last = path.at(-1) as string | number;
    if (Array.isArray(parent)) parent[last as number] = undefined;
    else if (parent !== undefined) delete parent[last as string];
  }
  return root;
}
