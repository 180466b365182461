import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { modelPath, renderModel, schemaPath } from "../scripts/model-source.mjs";
import validate from "../src/generated/validate-config.js";
import { RULES } from "../src/lint/rules/index.js";
import { NON_CONFIGURABLE } from "../src/lint/settings.js";

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as Schema;
const defs = schema.$defs as Record<string, Schema>;

/** Every `properties` entry in the schema, with its JSON Pointer. */
function* propertiesOf(node: unknown, pointer: string): Generator<[string, Schema]> {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) yield* propertiesOf(item, `${pointer}/${index}`);
    return;
  }
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "examples" || key === "default" || key === "const" || key === "enum") continue;
    if (key === "properties") {
      for (const [name, property] of Object.entries(value as Record<string, Schema>)) yield [`${pointer}/properties/${name}`, property];
    }
    yield* propertiesOf(value, `${pointer}/${key}`);
  }
}

/** A property's own annotations, or those of the definition it refers to. */
function annotation(property: Schema, key: "description" | "examples"): unknown {
  if (property[key] !== undefined) return property[key];
  const ref = property.$ref;
  return typeof ref === "string" ? defs[ref.replace("#/$defs/", "")]?.[key] : undefined;
}

const properties = [...propertiesOf(schema, "#")];
const lint = (schema.properties as Record<string, Schema>).lint as Schema;
const lintRules = (lint.properties as Record<string, Schema>).rules as Schema;

describe("config schema", () => {
  it("is draft 2020-12 with an $id", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toMatch(/^https:\/\/.+\/smtpcfg\.schema\.json$/);
  });

  it.each(properties)("%s has a description and examples (editors show them)", (_pointer, property) => {
    expect(annotation(property, "description")).toEqual(expect.any(String));
    expect(annotation(property, "examples")).toEqual(expect.arrayContaining([expect.anything()]));
  });

  it.each(properties)("%s: its examples are valid values", (pointer, property) => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(schema);
    const check = ajv.compile({ $ref: `${schema.$id as string}${pointer}` });
    for (const example of annotation(property, "examples") as unknown[]) {
      expect(check(example), `${JSON.stringify(example)}: ${ajv.errorsText(check.errors)}`).toBe(true);
    }
  });

  it("has the binding key names of the design", () => {
    const keys = (def: string) => Object.keys(defs[def]?.properties as object);
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(["version", "tenants", "endpoints", "lint"]));
    expect(keys("tenant")).toEqual(expect.arrayContaining(["name", "tenantId", "cloud", "apps", "mailboxes", "omada", "endpoints"]));
    expect(keys("app")).toEqual(
      expect.arrayContaining(["name", "displayName", "clientId", "applicationObjectId", "servicePrincipalObjectId", "credential"]),
    );
    expect(keys("credential")).toEqual(expect.arrayContaining(["clientSecret", "expires", "certificate"]));
    expect(keys("mailbox")).toEqual(expect.arrayContaining(["address", "app", "access", "smtpClientAuth"]));
    expect(keys("omada")).toEqual(expect.arrayContaining(["name", "mailbox", "secureSocketOptions", "port", "secret"]));
    expect(keys("endpoints")).toEqual(expect.arrayContaining(["authority", "smtpHost", "smtpPort", "caFile"]));
    expect((defs.tenant?.properties as Record<string, Schema> | undefined)?.cloud).toMatchObject({
      enum: ["global", "gcc", "gcc-high", "dod", "china"],
      default: "global",
    });
  });

  it("lets lint.rules configure exactly the rules that exist, except the non-configurable ones", () => {
    const configurable = RULES.map((rule) => rule.meta.id).filter((id) => !NON_CONFIGURABLE.has(id));
    expect(Object.keys(lintRules.properties as object).sort()).toEqual(configurable.sort());
  });

  it("rejects setting the non-configurable checks in lint.rules, and only those, with a message that says why", () => {
    const refused = Object.entries(lintRules.patternProperties as Record<string, Schema>);
    for (const [, property] of refused)
      expect((property["x-messages"] as Record<string, string>).not).toMatch(/^cannot be set: .+ always errors/);
    const patterns = refused.map(([pattern]) => new RegExp(pattern));
    const rejected = (id: string) => patterns.some((pattern) => pattern.test(id));
    for (const id of NON_CONFIGURABLE) expect(rejected(id), id).toBe(true);
    for (const rule of RULES.filter((rule) => !NON_CONFIGURABLE.has(rule.meta.id)))
      expect(rejected(rule.meta.id), rule.meta.id).toBe(false);
    for (const id of NON_CONFIGURABLE) {
      for (const value of ["off", "warn", "error"]) {
        expect(validate({ version: 1, tenants: [{ name: "a", tenantId: "x" }], lint: { rules: { [id]: value } } }), `${id}: ${value}`).toBe(
          false,
        );
        expect(validate.errors?.map((error) => [error.instancePath, error.keyword])).toEqual([[`/lint/rules/${id}`, "not"]]);
      }
    }
  });

  it.each(RULES.filter((rule) => !NON_CONFIGURABLE.has(rule.meta.id)).map((rule) => [rule.meta.id, rule.meta.description]))(
    "describes lint.rules.%s with the rule's own description",
    (id, description) => {
      expect((lintRules.properties as Record<string, Schema>)[id]?.description).toBe(`${description}.`);
    },
  );

  it("is what the generated validator checks (the build regenerates it from the schema)", () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const fresh = ajv.compile(schema);
    const samples = [
      { version: 1, tenants: [{ name: "a", tenantId: "x" }] },
      { version: 1, tenants: [{ name: "a", tenantId: "x", apps: [{ name: "b", clientId: "nope", credential: {} }] }] },
      { version: 2, tenants: [] },
      { version: 1, tenants: [{ name: "a", tenantId: "x" }], lint: { rules: { "inline-secret": "warn" } } },
      { version: 1, tenants: [{ name: "a", tenantId: "x" }], lint: { rules: { "no-such-rule": "warn" } } },
      { version: 1, tenants: [{ name: "a", tenantId: "x" }], lint: { rules: { schema: "off" } } },
    ];
    for (const sample of samples) expect(validate(sample), JSON.stringify(sample)).toBe(fresh(sample));
  });
});

describe("the date format of the generated validator", () => {
  const withExpiry = (expires: string) => ({
    version: 1,
    tenants: [
      {
        name: "a",
        tenantId: "x",
        apps: [{ name: "b", clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04", credential: { clientSecret: { env: "S" }, expires } }],
      },
    ],
  });
  /** The calendar's own answer: a date exists when it survives a round trip through Date. */
  const exists = (date: string) => {
    const parsed = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
  };
  const two = (n: number) => String(n).padStart(2, "0");

  it.each(["2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-02-29", "2100-02-29", "2026-06-00", "2026-1-05", "26-01-05"])(
    "rejects %s, a malformed date or a day that does not exist",
    (date) => {
      expect(validate(withExpiry(date))).toBe(false);
      expect(validate.errors?.map((error) => [error.instancePath, error.keyword])).toEqual([
        ["/tenants/0/apps/0/credential/expires", "format"],
      ]);
    },
  );

  it.each(["2024-02-29", "2000-02-29", "2026-02-28", "2026-12-31", "2026-04-30", "2027-05-31"])("accepts %s", (date) => {
    expect(validate(withExpiry(date))).toBe(true);
  });

  it.each([1900, 1999, 2000, 2023, 2024, 2026, 2028, 2100, 2400])("agrees with the calendar on every day of %i", (year) => {
    const wrong: string[] = [];
    for (let month = 0; month <= 13; month++) {
      for (let day = 0; day <= 32; day++) {
        const date = `${year}-${two(month)}-${two(day)}`;
        if (validate(withExpiry(date)) !== exists(date)) wrong.push(date);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("TypeScript model", () => {
  it("is exactly what the schema generates (run `pnpm gen` after changing the schema)", async () => {
    expect(readFileSync(modelPath, "utf8")).toBe(await renderModel());
  });

  it("lives where the generator writes it", () => {
    expect(modelPath).toBe(join(import.meta.dirname, "../src/config/model.ts"));
  });
});
