import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import { lintConfig } from "./lint-config.js";
import { RULES } from "./rules/index.js";
import { applySeverities, type LintSettings, NON_CONFIGURABLE } from "./settings.js";

function finding(ruleId: string, severity: Diagnostic["severity"] = "error"): Diagnostic {
  const start = { line: 1, column: 1 };
  return { ruleId, severity, message: `a ${ruleId} finding`, file: "smtpcfg.yaml", range: { start, end: start } };
}

const settings = (rules: Record<string, string>) => ({ rules }) as LintSettings;

describe("lint.rules severities", () => {
  it("counts unreadable input and the parse and schema checks of every kind of file as non-configurable", () => {
    expect([...NON_CONFIGURABLE]).toEqual(expect.arrayContaining(["input", "yaml-syntax", "schema", "xml-syntax", "ps-syntax"]));
  });

  it("names only ids that are rules, or that are reported before any rule runs", () => {
    const ids = RULES.map((rule) => rule.meta.id);
    expect([...NON_CONFIGURABLE].filter((id) => id !== "input" && !ids.includes(id))).toEqual([]);
  });

  it.each([...NON_CONFIGURABLE])("never drops a %s finding, even when settings say off", (id) => {
    expect(applySeverities([finding(id)], settings({ [id]: "off" }))).toEqual([finding(id)]);
  });

  it.each([...NON_CONFIGURABLE])("never re-grades a %s finding to a warning", (id) => {
    expect(applySeverities([finding(id)], settings({ [id]: "warn" }))).toEqual([finding(id)]);
  });

  it("still drops and re-grades configurable rules", () => {
    const found = [finding("inline-secret"), finding("tenant-id-format")];
    expect(applySeverities(found, settings({ "inline-secret": "off", "tenant-id-format": "warn" }))).toEqual([
      finding("tenant-id-format", "warning"),
    ]);
  });

  it("reports a broken file whose --config settings turn yaml-syntax and schema off", () => {
    const off = settings({ "yaml-syntax": "off", schema: "off" });
    const lint = (text: string) => lintConfig({ file: "smtpcfg.yaml", text, bom: false }, { settings: off, today: "2026-11-26" });
    expect(lint("version: 1\ntenants: [\n").map((d) => [d.ruleId, d.severity])).toEqual([["yaml-syntax", "error"]]);
    expect(lint("version: 2\ntenants:\n  - name: a\n    tenantId: contoso.onmicrosoft.com\n").map((d) => [d.ruleId, d.severity])).toEqual([
      ["schema", "error"],
    ]);
  });

  it("reports setting a non-configurable check in the file itself, and still checks the file", () => {
    const text =
      "version: 1\ntenants:\n  - name: a\n    tenantId: contoso.onmicrosoft.com\n    cloud: globl\nlint:\n  rules:\n    schema: 'off'\n";
    const found = lintConfig({ file: "smtpcfg.yaml", text, bom: false }, { today: "2026-11-26" });
    expect(found.map((d) => [d.ruleId, d.severity, d.range.start.line, d.range.start.column, d.message])).toEqual([
      ["schema", "error", 5, 12, 'tenants[0].cloud "globl" is not one of global, gcc, gcc-high, dod or china; did you mean "global"?'],
      [
        "schema",
        "error",
        8,
        13,
        "lint.rules.schema cannot be set: input, yaml-syntax, schema, xml-syntax and ps-syntax findings say a file could not be read, parsed or validated, and are always errors; remove this line",
      ],
    ]);
  });
});
