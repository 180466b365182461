import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import { github } from "./github.js";

const cwd = "/srv/project";
const context = { cwd, color: false, toolVersion: "1.2.3" };

function diagnostic(overrides: Partial<Diagnostic>): Diagnostic {
  return {
    ruleId: "inline-secret",
    severity: "error",
    message: "tenants[0].apps[0].credential.clientSecret is written literally in the file",
    file: `${cwd}/smtpcfg.yaml`,
    range: { start: { line: 19, column: 25 }, end: { line: 19, column: 48 } },
    ...overrides,
  };
}

describe("github formatter", () => {
  it("prints one ::error annotation per error, with the file relative to cwd and the whole range", () => {
    expect(github([diagnostic({})], context)).toBe(
      "::error file=smtpcfg.yaml,line=19,col=25,endLine=19,endColumn=48,title=smtpcfg inline-secret::tenants[0].apps[0].credential.clientSecret is written literally in the file\n",
    );
  });

  it("prints warnings as ::warning annotations, one line each, in the order given", () => {
    const output = github(
      [
        diagnostic({
          ruleId: "secret-expiry",
          severity: "warning",
          message: "expires in 10 days",
          file: `${cwd}/tenants/fabrikam.yaml`,
          range: { start: { line: 3, column: 5 }, end: { line: 4, column: 1 } },
        }),
        diagnostic({}),
      ],
      context,
    );
    expect(output.split("\n")).toEqual([
      "::warning file=tenants/fabrikam.yaml,line=3,col=5,endLine=4,endColumn=1,title=smtpcfg secret-expiry::expires in 10 days",
      "::error file=smtpcfg.yaml,line=19,col=25,endLine=19,endColumn=48,title=smtpcfg inline-secret::tenants[0].apps[0].credential.clientSecret is written literally in the file",
      "",
    ]);
  });

  it("escapes %, CR and LF in the message but keeps : and , there", () => {
    const output = github([diagnostic({ message: 'port 25: 100% blocked,\r\nsee "smtp:587"\nend' })], context);
    expect(output).toMatch(/::port 25: 100%25 blocked,%0D%0Asee "smtp:587"%0Aend\n$/);
    expect(output.split("\n")).toHaveLength(2);
  });

  it("escapes %, CR, LF, : and , in properties, so a file name cannot end the annotation early", () => {
    const output = github([diagnostic({ file: `${cwd}/a,b:c 100%\nd.yaml`, ruleId: "x:y,z" })], context);
    expect(output).toBe(
      "::error file=a%2Cb%3Ac 100%25%0Ad.yaml,line=19,col=25,endLine=19,endColumn=48,title=smtpcfg x%3Ay%2Cz::tenants[0].apps[0].credential.clientSecret is written literally in the file\n",
    );
  });

  it("prints nothing for no diagnostics", () => {
    expect(github([], context)).toBe("");
  });
});
