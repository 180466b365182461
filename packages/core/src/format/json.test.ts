import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import { json } from "./json.js";

const cwd = "/srv/project";
const context = { cwd, color: true, toolVersion: "1.2.3" };

const diagnostics: Diagnostic[] = [
  {
    ruleId: "schema",
    severity: "error",
    message: 'tenants[0].cloud "globl" is not one of "global", "gcc-high" or "dod"; did you mean "global"?\n— ✓ 日本語 🚀',
    file: `${cwd}/tenant configs/contoso.yaml`,
    range: { start: { line: 4, column: 12 }, end: { line: 4, column: 17 } },
    fix: { offset: 51, length: 5, text: "global" },
    docsUrl: ruleDocsUrl("schema"),
  },
  {
    ruleId: "secret-expiry",
    severity: "warning",
    message: "the client secret expires in 10 days",
    file: `${cwd}/smtpcfg.yaml`,
    range: { start: { line: 7, column: 3 }, end: { line: 8, column: 1 } },
  },
  {
    ruleId: "input",
    severity: "error",
    message: "file is binary (it contains NUL bytes), not text; not read",
    file: "/elsewhere/other.yaml",
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  },
];

describe("json formatter", () => {
  it("prints the diagnostics as an indented JSON array, with the file relative to cwd", () => {
    const [, expiry] = diagnostics;
    if (!expiry) throw new Error("no diagnostics");
    expect(json([expiry], context).split("\n")).toEqual([
      "[",
      "  {",
      '    "ruleId": "secret-expiry",',
      '    "severity": "warning",',
      '    "message": "the client secret expires in 10 days",',
      '    "file": "smtpcfg.yaml",',
      '    "range": {',
      '      "start": {',
      '        "line": 7,',
      '        "column": 3',
      "      },",
      '      "end": {',
      '        "line": 8,',
      '        "column": 1',
      "      }",
      "    }",
      "  }",
      "]",
      "",
    ]);
  });

  it("parses back to the same diagnostics, fixes and docs links included, with relative paths", () => {
    const parsed: unknown = JSON.parse(json(diagnostics, context));
    expect(parsed).toEqual([
      { ...diagnostics[0], file: "tenant configs/contoso.yaml" },
      { ...diagnostics[1], file: "smtpcfg.yaml" },
      { ...diagnostics[2], file: "/elsewhere/other.yaml" },
    ]);
  });

  it("prints an empty array for no diagnostics", () => {
    expect(json([], context)).toBe("[]\n");
  });
});
