import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import { stylish } from "./stylish.js";

const cwd = "/srv/project";
const plain = { cwd, color: false, toolVersion: "1.2.3" };
const coloured = { ...plain, color: true };

function diagnostic(
  file: string,
  line: number,
  column: number,
  severity: Diagnostic["severity"],
  ruleId: string,
  message: string,
): Diagnostic {
  return { ruleId, severity, message, file: `${cwd}/${file}`, range: { start: { line, column }, end: { line, column: column + 1 } } };
}

const mixed: Diagnostic[] = [
  diagnostic("smtpcfg.yaml", 3, 5, "error", "tenant-id-format", 'tenants[0].tenantId "common" is a multi-tenant alias'),
  diagnostic("tenants/fabrikam.yaml", 7, 3, "warning", "secret-expiry", "the client secret expires in 10 days"),
  diagnostic("smtpcfg.yaml", 12, 17, "warning", "secret-expiry", "the client secret expires in 2 days"),
];

describe("stylish formatter", () => {
  it("groups findings by file, shows paths relative to cwd and aligns positions within a file", () => {
    expect(stylish(mixed, plain).split("\n")).toEqual([
      "",
      "smtpcfg.yaml",
      '  3:5    error    tenants[0].tenantId "common" is a multi-tenant alias  tenant-id-format',
      "  12:17  warning  the client secret expires in 2 days  secret-expiry",
      "",
      "tenants/fabrikam.yaml",
      "  7:3  warning  the client secret expires in 10 days  secret-expiry",
      "",
      "✖ 3 problems (1 error, 2 warnings)",
      "",
    ]);
  });

  it.each([
    [[mixed[0]], "✖ 1 problem (1 error, 0 warnings)"],
    [[mixed[1]], "✖ 1 problem (0 errors, 1 warning)"],
    [[mixed[0], mixed[0]], "✖ 2 problems (2 errors, 0 warnings)"],
    [[mixed[1], mixed[2]], "✖ 2 problems (0 errors, 2 warnings)"],
  ])("ends with a summary line with correct plurals (%#)", (diagnostics, summary) => {
    const lines = stylish(diagnostics as Diagnostic[], plain).split("\n");
    expect(lines.at(-2)).toBe(summary);
    expect(lines.at(-1)).toBe("");
  });

  it("prints no ANSI escape codes when colour is off", () => {
    expect(stylish(mixed, plain)).not.toContain("\u001b");
  });

  it("colours the same text when colour is on: underlined files, red errors, yellow warnings, dim positions and rules", () => {
    const output = stylish(mixed, coloured);
    expect(stripVTControlCharacters(output)).toBe(stylish(mixed, plain));
    expect(output).toContain("\u001b[4msmtpcfg.yaml\u001b[24m");
    expect(output).toContain("\u001b[31merror  \u001b[39m");
    expect(output).toContain("\u001b[33mwarning\u001b[39m");
    expect(output).toContain("\u001b[2m12:17\u001b[22m");
    expect(output).toContain("\u001b[2mtenant-id-format\u001b[22m");
    expect(output).toContain("\u001b[1m\u001b[31m✖ 3 problems (1 error, 2 warnings)\u001b[39m\u001b[22m");
  });

  it("colours the summary yellow when there are only warnings", () => {
    expect(stylish([mixed[1] as Diagnostic], coloured)).toContain("\u001b[33m✖ 1 problem (0 errors, 1 warning)\u001b[39m");
  });

  it("shows a file's name on one line, its line breaks and escape sequences escaped", () => {
    const odd = diagnostic("odd\nname\u001b[2J.yaml", 3, 5, "error", "schema", "tenants is missing");
    expect(stylish([odd], plain).split("\n").slice(0, 3)).toEqual([
      "",
      "odd\\nname\\u001b[2J.yaml",
      "  3:5  error    tenants is missing  schema",
    ]);
  });

  it("prints nothing at all for no diagnostics, with or without colour", () => {
    expect(stylish([], plain)).toBe("");
    expect(stylish([], coloured)).toBe("");
  });
});
