import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import { RULES } from "../lint/rules/index.js";
import { sarif } from "./sarif.js";

// The official OASIS schema, kept in the repo so the test needs no network. The OASIS errata copy
// declares draft-07, the one on sarif-spec's main branch 2020-12: validate with whichever it says.
const schemaFile = join(import.meta.dirname, "../../../../fixtures/sarif/sarif-schema-2.1.0.json");
const docsDir = join(import.meta.dirname, "../../../../docs/rules");
const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as { $schema?: string; definitions: Record<string, Record<string, unknown>> };
// The errata's "at least one of startLine, charOffset, byteOffset" landed inside region.properties,
// where it declares a property named anyOf and makes the schema invalid (oasis-tcs/sarif-spec#578).
// Apply it where it was meant to go; the copy in the repo stays verbatim.
const region = schema.definitions.region as { anyOf?: unknown; properties: Record<string, unknown> };
if (Array.isArray(region.properties.anyOf)) {
  region.anyOf = region.properties.anyOf;
  delete region.properties.anyOf;
}
// The language patterns start with (?i), the inline case-insensitive flag of .NET and PCRE, which
// JavaScript lacks: read it as the i flag.
const regExp = Object.assign(
  (pattern: string, flags: string) =>
    pattern.startsWith("^(?i)") ? new RegExp(`^${pattern.slice(5)}`, `${flags}i`) : new RegExp(pattern, flags),
  { code: "regExpWithInlineFlag" },
);
const ajvOptions = { strict: false, allErrors: true, code: { regExp } };
const ajv = schema.$schema?.includes("2020-12") ? new Ajv2020(ajvOptions) : new Ajv(ajvOptions);
// CommonJS under NodeNext: the default import is module.exports, whose `default` is the plugin.
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

const cwd = "/srv/project";
const context = { cwd, color: true, toolVersion: "1.2.3" };

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        rules: { id: string; shortDescription: { text: string }; helpUri?: string; defaultConfiguration: { level: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }[];
    }[];
  }[];
}

function diagnostic(overrides: Partial<Diagnostic>): Diagnostic {
  return {
    ruleId: "inline-secret",
    severity: "error",
    message: "tenants[0].apps[0].credential.clientSecret is written literally in the file",
    file: `${cwd}/smtpcfg.yaml`,
    range: { start: { line: 19, column: 25 }, end: { line: 19, column: 48 } },
    docsUrl: ruleDocsUrl("inline-secret"),
    ...overrides,
  };
}

const diagnostics: Diagnostic[] = [
  diagnostic({}),
  diagnostic({
    ruleId: "secret-expiry",
    severity: "warning",
    message: 'tenants[1].apps[0].credential.expires "2025-02-01": expires in 10 days',
    file: `${cwd}/tenant configs/fabrikam prod.yaml`,
    range: { start: { line: 7, column: 3 }, end: { line: 8, column: 1 } },
  }),
  diagnostic({
    ruleId: "schema",
    message: 'tenants[0].cloud "globl" is not one of "global" or \'dod\'\r\n\tdid you mean "global"? — ✓ 日本語 🚀 \\ 100%',
    file: `${cwd}/tenant configs/fabrikam prod.yaml`,
    range: { start: { line: 4, column: 12 }, end: { line: 4, column: 17 } },
  }),
  // Reported when the file is read, before any parser or other rule runs.
  diagnostic({
    ruleId: "input",
    message: "file is not valid UTF-8 text; not read",
    file: `${cwd}/broken.yaml`,
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  }),
  diagnostic({ file: `${cwd}/odd names/a#1?:b%20c.yaml` }),
  diagnostic({ severity: "warning", file: "/elsewhere/other config.yaml" }),
];

function lint(input: readonly Diagnostic[]): SarifLog {
  const output = sarif(input, context);
  expect(output.endsWith("}\n")).toBe(true);
  return JSON.parse(output) as SarifLog;
}

/** Where a SARIF viewer would look for the file, %SRCROOT% being cwd. */
function resolvedPath({ uri, uriBaseId }: { uri: string; uriBaseId?: string }): string {
  const base = uriBaseId === "%SRCROOT%" ? pathToFileURL(`${cwd}/`) : undefined;
  return fileURLToPath(new URL(uri, base));
}

describe("sarif formatter", () => {
  it("produces a log valid against the official SARIF 2.1.0 schema", () => {
    validate(lint(diagnostics));
    expect(validate.errors ?? []).toEqual([]);
  });

  it("is checked by a validator that does reject a broken log, formats included", () => {
    const log = lint(diagnostics);
    const result = log.runs[0]?.results[0];
    if (!result) throw new Error("no result");
    validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...result, level: "fatal" }] }] });
    expect(validate.errors?.map((error) => error.instancePath)).toContain("/runs/0/results/0/level");
    validate({ ...log, $schema: "not a uri" });
    expect(validate.errors?.map((error) => error.keyword)).toContain("format");
  });

  it("produces a valid log with one run and zero results for no diagnostics", () => {
    const log = lint([]);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results).toEqual([]);
  });

  it("names the tool and its version and lists every rule once", () => {
    const driver = lint(diagnostics).runs[0]?.tool.driver;
    expect(driver?.name).toBe("smtpcfg");
    expect(driver?.version).toBe("1.2.3");
    const ids = driver?.rules.map((rule) => rule.id) ?? [];
    expect(ids).toEqual(RULES.map((rule) => rule.meta.id));
    for (const rule of RULES) {
      const described = driver?.rules.find((r) => r.id === rule.meta.id);
      expect(described?.defaultConfiguration.level).toBe(rule.meta.defaultSeverity);
      expect(described?.helpUri).toBe(ruleDocsUrl(rule.meta.id));
    }
  });

  it("links each rule to a docs page that exists, the pseudo rules (input, yaml-syntax, …) too", () => {
    const descriptors = lint(diagnostics).runs[0]?.tool.driver.rules ?? [];
    expect(descriptors.find((rule) => rule.id === "input")?.helpUri).toBe(ruleDocsUrl("input"));
    expect(descriptors.filter((rule) => rule.helpUri === undefined)).toEqual([]);
    const docsPrefix = ruleDocsUrl("x").replace(/x\.md$/, "");
    for (const { id, helpUri = "" } of descriptors.filter((rule) => rule.helpUri !== undefined)) {
      expect(helpUri.startsWith(docsPrefix), helpUri).toBe(true);
      expect(existsSync(join(docsDir, helpUri.slice(docsPrefix.length))), `${id}: ${helpUri}`).toBe(true);
    }
  });

  it("describes an id it does not know by the id alone, with no link, in a valid log", () => {
    const { docsUrl: _none, ...unlinked } = diagnostic({ ruleId: "something-new" });
    const log = lint([unlinked]);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    const entry = log.runs[0]?.tool.driver.rules.find((rule) => rule.id === "something-new");
    expect(entry).toEqual({ id: "something-new", shortDescription: { text: "something-new" }, defaultConfiguration: { level: "error" } });
  });

  it("gives each result its rule id, level, exact message and region", () => {
    const results = lint(diagnostics).runs[0]?.results ?? [];
    expect(results).toHaveLength(diagnostics.length);
    results.forEach((result, i) => {
      const d = diagnostics[i] as Diagnostic;
      expect(result.ruleId).toBe(d.ruleId);
      expect(result.level).toBe(d.severity);
      expect(result.message.text).toBe(d.message);
      expect(result.locations).toHaveLength(1);
      expect(result.locations[0]?.physicalLocation.region).toEqual({
        startLine: d.range.start.line,
        startColumn: d.range.start.column,
        endLine: d.range.end.line,
        endColumn: d.range.end.column,
      });
    });
  });

  it("points every result's ruleIndex at its own rule in tool.driver.rules", () => {
    const run = lint(diagnostics).runs[0];
    for (const result of run?.results ?? []) {
      expect(result.ruleIndex).toBeGreaterThanOrEqual(0);
      expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
  });

  it("gives files below cwd as encoded relative references to %SRCROOT%, and others as file: URIs", () => {
    const locations = (lint(diagnostics).runs[0]?.results ?? []).map((r) => r.locations[0]?.physicalLocation.artifactLocation);
    expect(locations.map((l) => l?.uri)).toEqual([
      "smtpcfg.yaml",
      "tenant%20configs/fabrikam%20prod.yaml",
      "tenant%20configs/fabrikam%20prod.yaml",
      "broken.yaml",
      "odd%20names/a%231%3F%3Ab%2520c.yaml",
      "file:///elsewhere/other%20config.yaml",
    ]);
    expect(locations.map((l) => l?.uriBaseId)).toEqual(["%SRCROOT%", "%SRCROOT%", "%SRCROOT%", "%SRCROOT%", "%SRCROOT%", undefined]);
    expect(locations.map((l) => resolvedPath(l ?? { uri: "" }))).toEqual(diagnostics.map((d) => d.file));
  });
});
