import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import type { FileKind } from "./rule.js";
import { applySuppressions } from "./suppressions.js";

const finding = (ruleId: string, line: number): Diagnostic => ({
  ruleId,
  severity: "error",
  message: `${ruleId} on line ${line}`,
  file: "f",
  range: { start: { line, column: 1 }, end: { line, column: 2 } },
});

const run = (kind: FileKind, text: string, diagnostics: Diagnostic[]) =>
  applySuppressions({ file: "f", text, bom: false }, kind, diagnostics).map(
    (d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId}: ${d.message}`,
  );

describe("smtpcfg-disable-next-line", () => {
  it("drops the named rules' findings on the next line of an XML file, and only those", () => {
    const text = "<a>\n<!-- smtpcfg-disable-next-line port, tls-mode -->\n<network/>\n<b/>\n";
    expect(run("xml", text, [finding("port", 3), finding("tls-mode", 3), finding("host-known", 3), finding("port", 4)])).toEqual([
      "3:1 host-known: host-known on line 3",
      "4:1 port: port on line 4",
    ]);
  });

  it("takes # comments in YAML and PowerShell, and no rule id means every rule", () => {
    const yaml = "a: 1\n  # smtpcfg-disable-next-line\nb: 2\n";
    expect(run("config", yaml, [finding("inline-secret", 3), finding("duplicate-name", 3)])).toEqual([]);
    const script = "# smtpcfg-disable-next-line new-serviceprincipal-serviceid\nNew-ServicePrincipal -ServiceId x\n";
    expect(run("powershell", script, [finding("new-serviceprincipal-serviceid", 2)])).toEqual([]);
  });

  it("never hides what decides whether a file can be checked at all", () => {
    const yaml = "# smtpcfg-disable-next-line schema yaml-syntax\nversion: 2\n";
    expect(run("config", yaml, [finding("schema", 2), finding("yaml-syntax", 2)])).toEqual([
      "2:1 schema: schema on line 2",
      "2:1 yaml-syntax: yaml-syntax on line 2",
      "1:1 unused-suppression: smtpcfg-disable-next-line for schema, yaml-syntax suppresses nothing on line 2; remove it",
    ]);
  });

  it("reports a suppression that suppresses nothing, naming the rules it was for", () => {
    const text = "<a>\n<!-- smtpcfg-disable-next-line port -->\n<b/>\n</a>\n";
    expect(run("xml", text, [])).toEqual([
      "2:1 unused-suppression: smtpcfg-disable-next-line for port suppresses nothing on line 3; remove it",
    ]);
    expect(run("config", "# smtpcfg-disable-next-line\nx: 1\n", [])).toEqual([
      "1:1 unused-suppression: smtpcfg-disable-next-line for every rule suppresses nothing on line 2; remove it",
    ]);
  });

  it("says that an id is no rule, with the rule meant, rather than to remove the comment", () => {
    const text = "<a>\n<!-- smtpcfg-disable-next-line tls-mod port -->\n<b/>\n</a>\n";
    expect(run("xml", text, [finding("port", 3)])).toEqual([
      '2:1 unused-suppression: smtpcfg-disable-next-line names "tls-mod", which is no rule of smtpcfg; did you mean "tls-mode"?',
    ]);
    expect(run("config", "# smtpcfg-disable-next-line no-such-thing\nx: 1\n", [])).toEqual([
      '1:1 unused-suppression: smtpcfg-disable-next-line names "no-such-thing", which is no rule of smtpcfg',
    ]);
  });

  it("does not mistake the directive's text in YAML values or XML attributes for a comment", () => {
    expect(run("config", "note: 'smtpcfg-disable-next-line port'\nx: 1\n", [finding("port", 2)])).toHaveLength(1);
    expect(run("xml", '<a note="smtpcfg-disable-next-line port"/>\n<b/>\n', [finding("port", 2)])).toHaveLength(1);
  });
});
