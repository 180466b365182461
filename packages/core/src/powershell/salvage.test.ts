import { describe, expect, it } from "vitest";
import { lintFile } from "../lint/lint-file.js";
import { parsePowerShell } from "./parse.js";

const APP = "7a83471e-a8c7-4c06-8120-77b9aa56fa04";

/**
 * A function brace never closed (so the grammar parses none of it and salvage reads every checked
 * command again), one command whose brackets close, then `lines` commands that each leave a `(`
 * open: the shape that once made each command's salvage range run to the end of the file.
 */
function unclosedOnEveryLine(lines: number): string {
  const open = `New-ServicePrincipal -AppId ${APP} -ServiceId (Get-MgServicePrincipal -Filter "appId eq '${APP}'"\n`;
  return `function Register {\nNew-ServicePrincipal -AppId ${APP} -ServiceId (Get-Id)\n${open.repeat(lines)}`;
}

describe("salvage of commands in statements the grammar could not parse", () => {
  it("gives up a checked command whose bracket is never closed, and keeps the one whose brackets close", async () => {
    const script = await parsePowerShell(unclosedOnEveryLine(1_000));
    expect(script.unparsed).not.toEqual([]);
    expect(script.commands.map((c) => [c.name, c.span.start])).toEqual([["New-ServicePrincipal", 20]]);
  });

  it("gives up a command whose bracket holds more than 100 lines, even when it closes", async () => {
    const subexpression = (lines: number) => `New-ServicePrincipal -AppId ${APP} -ServiceId $(\n${"Get-Id\n".repeat(lines)})\n`;
    const long = `function Register {\n${subexpression(101)}${subexpression(99)}`;
    const script = await parsePowerShell(long);
    const salvaged = script.commands.filter((c) => c.name === "New-ServicePrincipal");
    expect(salvaged.map((c) => script.text.slice(c.span.end - 2, c.span.end))).toEqual(["\n)"]);
    expect(salvaged.map((c) => c.span.start)).toEqual([long.lastIndexOf("New-ServicePrincipal")]);
  });

  it("lints a 1,000-line script whose every line leaves a ( open: the brace and the one complete command are reported", async () => {
    const text = unclosedOnEveryLine(1_000);
    expect(text.length).toBeGreaterThan(130_000);
    const diagnostics = await lintFile({ file: "register.ps1", text, bom: false }, "powershell");
    expect(diagnostics.map((d) => [d.ruleId, d.range.start.line, d.range.start.column])).toEqual([
      ["ps-syntax", 1, 19],
      ["new-serviceprincipal-serviceid", 2, 66],
    ]);
  });
});
