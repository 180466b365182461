import type { ErrorObject } from "ajv";
import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import { didYouMean } from "../text/did-you-mean.js";
import { listOr, quote } from "../text/quote.js";
import { type DataPath, displayPath, toDataPath } from "./data-path.js";
import type { YamlSource } from "./yaml-document.js";

/** Keys whose values are secrets: messages never quote them. */
const SECRET_KEYS = new Set(["clientSecret"]);

/** ajv's error, with the schema annotations this project adds (see schemas/). */
interface AnnotatedSchema {
  "x-expected"?: string;
  "x-messages"?: Record<string, string>;
  properties?: Record<string, unknown>;
  enum?: unknown[];
  type?: string | string[];
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

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

function describeValue(path: DataPath, value: unknown): string {
  if (path.some((segment) => typeof segment === "string" && SECRET_KEYS.has(segment))) return "";
  if (value !== null && typeof value === "object") return "";
  return ` ${quote(value)}`;
}

/** One sentence for one ajv error, in the project's words; undefined for errors that only restate another. */
function sentence(error: ErrorObject, path: DataPath): string | undefined {
  const schema = (error.parentSchema ?? {}) as AnnotatedSchema;
  const custom = schema["x-messages"]?.[error.keyword];
  const where = displayPath(path);
  const value = describeValue(path, error.data);
  if (custom) return `${where} ${custom}`;
  const expected = schema["x-expected"];
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "if":
      return undefined;
    case "required":
      return `${where} is missing the required key ${quote(params.missingProperty)}`;
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const hint = didYouMean(key, known) || `; expected one of ${listOr(known.map((k) => quote(k)))}`;
      return `${where} has an unknown key ${quote(key)}${hint}`;
    }
    case "type": {
      const wanted = [params.type].flat().map((t) => YAML_TYPE[String(t)] ?? String(t));
      return `${where}${value} is ${YAML_TYPE[typeOf(error.data)] ?? typeOf(error.data)}, expected ${listOr(wanted)}`;
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === "string" ? didYouMean(error.data, allowed) : "";
      return `${where}${value} is not one of ${listOr(allowed)}${hint}`;
    }
    case "const":
      return `${where}${value} is not supported (expected ${quote(params.allowedValue)})`;
    case "pattern":
    case "format":
      return `${where}${value} is not ${expected ?? `a valid ${String(params.format ?? "value")}`}`;
    case "minLength":
      return params.limit === 1 ? `${where} is empty` : `${where} is shorter than ${String(params.limit)} characters`;
    case "maxLength":
      return `${where} is longer than ${String(params.limit)} characters`;
    case "minimum":
    case "maximum":
      return `${where}${value} is out of range (must be ${String(params.comparison)} ${String(params.limit)})`;
    case "minItems":
      return `${where} is empty; it needs at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}`;
    case "uniqueItems":
      return `${where} lists the same value twice (items ${String(params.j)} and ${String(params.i)})`;
    default:
      return `${where} ${error.message ?? "does not match the schema"}`;
  }
}

/** Turns ajv's errors into diagnostics with positions, one per distinct problem. */
export function schemaDiagnostics(errors: readonly ErrorObject[], yaml: YamlSource): Diagnostic[] {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    const path = toDataPath(error.instancePath);
    const message = sentence(error, path);
    if (message === undefined || seen.has(message)) continue;
    seen.add(message);
    const keyPath =
      error.keyword === "additionalProperties"
        ? [...path, String((error.params as { additionalProperty: string }).additionalProperty)]
        : path;
    diagnostics.push({
      ruleId: "schema",
      severity: "error",
      message,
      file: yaml.source.file,
      range: yaml.locate(keyPath, { key: error.keyword === "additionalProperties" }),
      docsUrl: ruleDocsUrl("schema"),
    });
  }
  return diagnostics;
}

/** Keywords whose failure says nothing about the value itself; the value can still be linted. */
const KEEP_VALUE = new Set(["required", "if", "not", "minItems"]);

/**
 * A copy of the data without the values the schema rejected, so semantic rules only ever see
 * values of the documented types (DESIGN: several findings per file, never a crash).
 */
export function pruneInvalid(data: unknown, errors: readonly ErrorObject[]): unknown {
  const copy = structuredClone(data);
  const paths = errors
    .filter((error) => !KEEP_VALUE.has(error.keyword))
    .map((error) => {
      const path = toDataPath(error.instancePath);
      return error.keyword === "additionalProperties"
        ? [...path, String((error.params as { additionalProperty: string }).additionalProperty)]
        : path;
    });
  if (paths.some((path) => path.length === 0)) return undefined;
  for (const path of paths) {
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[segment];
    const last = path.at(-1) as string | number;
    if (Array.isArray(parent)) parent[last as number] = undefined;
    else if (parent && typeof parent === "object") delete (parent as Record<string, unknown>)[last as string];
  }
  return copy;
}
