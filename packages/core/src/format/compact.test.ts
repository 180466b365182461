import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import { compact } from "./compact.js";

const cwd = "/srv/project";
const context = { cwd, color: true, toolVersion: "1.2.3" };

const diagnostics: Diagnostic[] = [
  {
    ruleId: "inline-secret",
    severity: "error",
    message: "tenants[0].apps[0].credential.clientSecret is written literally in the file",
    file: `${cwd}/smtpcfg.yaml`,
    range: { start: { line: 19, column: 25 }, end: { line: 19, column: 48 } },
  },
  {
    ruleId: "secret-expiry",
    severity: "warning",
    message: 'tenants[0].apps[0].credential.expires "2025-02-01": the client secret expires in 10 days',
    file: `${cwd}/tenant configs/fabrikam.yaml`,
    range: { start: { line: 7, column: 3 }, end: { line: 7, column: 13 } },
  },
  {
    ruleId: "input",
    severity: "error",
    message: "file is not valid UTF-8 text; not read",
    file: "/elsewhere/other.yaml",
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  },
];

describe("compact formatter", () => {
  it("prints file:line:col severity message [rule], one line per finding, paths relative to cwd", () => {
    expect(compact(diagnostics, context).split("\n")).toEqual([
      "smtpcfg.yaml:19:25 error tenants[0].apps[0].credential.clientSecret is written literally in the file [inline-secret]",
      'tenant configs/fabrikam.yaml:7:3 warning tenants[0].apps[0].credential.expires "2025-02-01": the client secret expires in 10 days [secret-expiry]',
      "/elsewhere/other.yaml:1:1 error file is not valid UTF-8 text; not read [input]",
      "",
    ]);
  });

  it("never colours its output, whatever the context says", () => {
    expect(compact(diagnostics, context)).toBe(compact(diagnostics, { ...context, color: false }));
    expect(compact(diagnostics, context)).not.toContain("\u001b[");
  });

  it("keeps a finding on one line when its message has line breaks", () => {
    const [first] = diagnostics;
    if (!first) throw new Error("no diagnostics");
    const output = compact([{ ...first, message: "first line\r\nsecond line\nthird" }], context);
    expect(output).toBe("smtpcfg.yaml:19:25 error first line second line third [inline-secret]\n");
  });

  it("keeps a finding on one line when its file's name has a line break, and passes no escape sequence of a name on", () => {
    const [first] = diagnostics;
    if (!first) throw new Error("no diagnostics");
    const output = compact([{ ...first, file: `${cwd}/odd\nname\u001b[2J\tx.yaml` }], context);
    expect(output).toBe(
      "odd\\nname\\u001b[2J\\tx.yaml:19:25 error tenants[0].apps[0].credential.clientSecret is written literally in the file [inline-secret]\n",
    );
  });

  it("prints nothing for no diagnostics", () => {
    expect(compact([], context)).toBe("");
  });
});
