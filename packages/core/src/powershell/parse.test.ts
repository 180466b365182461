import { describe, expect, it } from "vitest";
import { parsePowerShell } from "./parse.js";
import type { PowerShellCommand, PowerShellScript } from "./script.js";

const command = (script: PowerShellScript, name: string): PowerShellCommand => {
  const found = script.commands.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`no ${name} in ${script.commands.map((c) => c.name).join(", ")}`);
  return found;
};
/** Each parameter as name=value, the way a test reads best. */
const bound = (found: PowerShellCommand) =>
  found.parameters.map(
    (p) => `${p.name}${p.colon ? ":" : ""}=${p.argument ? (p.argument.literal ? p.argument.text : `<${p.argument.text}>`) : ""}`,
  );
const slice = (script: PowerShellScript, span: { start: number; end: number }) => script.text.slice(span.start, span.end);

describe("parsePowerShell: commands", () => {
  it("binds each parameter to the next element, and -Name:value forms to theirs, switches included", async () => {
    const script = await parsePowerShell(
      "Set-CASMailbox -Identity:'a@contoso.com' -SmtpClientAuthenticationDisabled: $true -Confirm:$false -WhatIf b@contoso.com",
    );
    const found = command(script, "Set-CASMailbox");
    expect(bound(found)).toEqual(["Identity:=a@contoso.com", "SmtpClientAuthenticationDisabled:=$true", "Confirm:=$false", "WhatIf="]);
    expect(found.arguments.map((a) => a.text)).toEqual(["b@contoso.com"]);
  });

  it("reads the values of literals: quotes removed, escapes undone, numbers and $true/$false/$null typed", async () => {
    const script = await parsePowerShell(
      [
        'X -a \'it\'\'s\' -b "say `"hi`"" -c "$name" -d 42 -e -1 -f $NULL -g ($true) -h bare@word -i a,b',
        "X -j @'",
        "line 1",
        "line 2",
        "'@ -k @\"",
        "tab`there",
        '"@',
      ].join("\n"),
    );
    const [first, second] = script.commands as [PowerShellCommand, PowerShellCommand];
    expect(bound(first)).toEqual(["a=it's", 'b=say "hi"', 'c=<"$name">', "d=42", "e=-1", "f=$null", "g=$true", "h=bare@word", "i=<a,b>"]);
    expect(first.parameters.map((p) => p.argument?.type)).toEqual([
      "string",
      "string",
      undefined,
      "number",
      "number",
      "null",
      "boolean",
      "string",
      undefined,
    ]);
    expect(bound(second)).toEqual(["j=line 1\nline 2", "k=tab\there"]);
  });

  it("follows backtick line continuations", async () => {
    const script = await parsePowerShell("New-ServicePrincipal `\n  -AppId 'a' `\n  -ObjectId 'b'\nGet-Date");
    expect(bound(command(script, "New-ServicePrincipal"))).toEqual(["AppId=a", "ObjectId=b"]);
    expect(script.commands.map((c) => c.name)).toEqual(["New-ServicePrincipal", "Get-Date"]);
  });

  it("leaves what follows --% out of the parameters, as PowerShell passes it verbatim", async () => {
    const script = await parsePowerShell("New-ServicePrincipal -AppId a --% -ServiceId b");
    const found = command(script, "New-ServicePrincipal");
    expect(bound(found)).toEqual(["AppId=a"]);
    expect(found.stopParsing && slice(script, found.stopParsing)).toBe("--% -ServiceId b");
  });

  it("finds commands in script blocks, functions, loops and subexpressions, with the command around them", async () => {
    const script = await parsePowerShell(
      [
        "function Register { param($Id) if ($Id) { New-ServicePrincipal -AppId $Id -ObjectId b } }",
        "Get-Mailbox | ForEach-Object { Set-CASMailbox $_ -SmtpClientAuthenticationDisabled $true }",
        'Write-Host "$(Get-Date -Format o)"',
      ].join("\n"),
    );
    expect(script.commands.map((c) => c.name)).toEqual([
      "New-ServicePrincipal",
      "Get-Mailbox",
      "ForEach-Object",
      "Set-CASMailbox",
      "Write-Host",
      "Get-Date",
    ]);
    expect(command(script, "Set-CASMailbox").parent?.name).toBe("ForEach-Object");
    expect(command(script, "Get-Date").parent?.name).toBe("Write-Host");
    expect(command(script, "New-ServicePrincipal").parent).toBeUndefined();
  });

  it("links each pipeline stage to its input: the command before it, or a value", async () => {
    const script = await parsePowerShell(
      "'a@contoso.com' | Set-CASMailbox -PopEnabled $false\nGet-Mailbox x | Set-CASMailbox -PopEnabled $false",
    );
    const [fromValue, , fromCommand] = script.commands as PowerShellCommand[];
    expect(fromValue?.input).toMatchObject({ value: { text: "a@contoso.com", literal: true } });
    expect(fromCommand?.input && "command" in fromCommand.input && fromCommand.input.command.name).toBe("Get-Mailbox");
  });

  it("takes a quoted command name after & as the command", async () => {
    const script = await parsePowerShell("& 'New-ServicePrincipal' -AppId a -ObjectId b");
    expect(bound(command(script, "New-ServicePrincipal"))).toEqual(["AppId=a", "ObjectId=b"]);
  });

  it("reads a bare-word list as one argument, which the grammar splits at its commas", async () => {
    const script = await parsePowerShell("Add-MailboxPermission -Identity x -AccessRights FullAccess,SendAs -User y");
    expect(bound(command(script, "Add-MailboxPermission"))).toEqual(["Identity=x", "AccessRights=<FullAccess,SendAs>", "User=y"]);
    expect(script.unparsed).toEqual([]);
  });
});

describe("parsePowerShell: splatting and constants", () => {
  it("expands a splatted hashtable literal into parameters at its keys, with the number of commands that splat it", async () => {
    const script = await parsePowerShell(
      "$params = [ordered]@{ AppId = 'a'; 'ServiceId' = \"b\" }\nNew-ServicePrincipal @params -DisplayName x\nNew-ServicePrincipal @params",
    );
    const found = command(script, "New-ServicePrincipal");
    expect(bound(found)).toEqual(["DisplayName=x", "AppId=a", "'ServiceId'=b"].map((entry) => entry.replace("'ServiceId'", "ServiceId")));
    expect(found.parameters[2]?.splat).toMatchObject({ variable: "@params", uses: 2 });
    expect(slice(script, found.parameters[2]?.span ?? { start: 0, end: 0 })).toBe("'ServiceId'");
  });

  it("leaves splats it cannot see into as unknown: built step by step, or $PSBoundParameters", async () => {
    const script = await parsePowerShell("$p = @{}\n$p.ObjectId = 'b'\nNew-ServicePrincipal @p @PSBoundParameters");
    const found = command(script, "New-ServicePrincipal");
    expect(found.parameters).toEqual([]);
    expect(found.unknownSplats.map((splat) => splat.variable)).toEqual(["@p", "@PSBoundParameters"]);
  });

  it("resolves a variable assigned once to a literal before its use, and no other", async () => {
    const lines = [
      "X -a $early",
      "$early = 'too late'",
      "$objectId = '9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f'",
      "$twice = 'a'; $twice = 'b'",
      "$added = 'a'; $added += 'b'",
      "foreach ($looped in 1..2) {}",
      "$fromCommand = Get-Date",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is PowerShell's braced variable
      "X -b $objectId -c $twice -d $added -e $looped -f $fromCommand -g $script:objectId -h ${objectId}",
    ];
    const script = await parsePowerShell(lines.join("\n"));
    const [first, last] = [script.commands[0], script.commands.at(-1)] as PowerShellCommand[];
    expect(bound(first as PowerShellCommand)).toEqual(["a=<$early>"]);
    const id = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
    expect(bound(last as PowerShellCommand)).toEqual([
      `b=${id}`,
      "c=<$twice>",
      "d=<$added>",
      "e=<$looped>",
      "f=<$fromCommand>",
      `g=${id}`,
      `h=${id}`,
    ]);
    const definition = script.text.indexOf(`'${id}'`);
    expect(last?.parameters[0]?.argument?.constant).toEqual({
      variable: "$objectId",
      definition: { start: definition, end: definition + 38 },
    });
  });

  it("trusts no variable when the script can set them out of sight", async () => {
    for (const setter of [
      ". ./settings.ps1",
      "Set-Variable -Name objectId -Value x",
      "Invoke-Expression $code",
      "Get-Date -OutVariable objectId",
    ]) {
      const script = await parsePowerShell(`$objectId = 'a'\n${setter}\nX -b $objectId`);
      expect(bound(script.commands.at(-1) as PowerShellCommand), setter).toEqual(["b=<$objectId>"]);
    }
  });
});

describe("parsePowerShell: text", () => {
  it("gives offsets in UTF-16 code units of the JavaScript string, as the rest of smtpcfg does", async () => {
    const text = "# Zähler ✓ 😀 \u{1F600}\nX -a 'ümlaut 😀' -b '9b8e'";
    const script = await parsePowerShell(text);
    const [a, b] = command(script, "X").parameters;
    expect(a?.argument?.text).toBe("ümlaut 😀");
    expect(slice(script, a?.argument?.span ?? { start: 0, end: 0 })).toBe("'ümlaut 😀'");
    expect(b?.argument?.span.start).toBe(text.indexOf("'9b8e'"));
    expect(script.comments.map((comment) => comment.text)).toEqual(["# Zähler ✓ 😀 \u{1F600}"]);
  });

  it("reads typographic dashes, quotes and spaces as PowerShell does, keeping them inside values", async () => {
    const script = await parsePowerShell("New-ServicePrincipal –AppId ‘a’ —ObjectId “it’s”\u00a0-DisplayName\u00a0x");
    const found = command(script, "New-ServicePrincipal");
    expect(bound(found)).toEqual(["AppId=a", "ObjectId=it’s", "DisplayName=x"]);
    expect(slice(script, found.parameters[0]?.span ?? { start: 0, end: 0 })).toBe("–AppId");
  });

  it("collects # and <# #> comments", async () => {
    const script = await parsePowerShell("<# header\n#>\nGet-Date # trailing\n");
    expect(script.comments.map((comment) => comment.text)).toEqual(["<# header\n#>", "# trailing"]);
  });

  it("parses deep nesting without running out of stack", async () => {
    const depth = 3000;
    const script = await parsePowerShell(`${"if ($a) { ".repeat(depth)}New-ServicePrincipal -AppId a -ObjectId b${" }".repeat(depth)}`);
    expect(bound(command(script, "New-ServicePrincipal"))).toEqual(["AppId=a", "ObjectId=b"]);
    expect(script.syntaxErrors).toEqual([]);
    const unclosed = await parsePowerShell("(".repeat(20_000));
    expect(unclosed.syntaxErrors).toHaveLength(1);
    // Empty parentheses: a MISSING node at the bottom of every level, 200,000 nodes deep.
    const empty = await parsePowerShell(`${"(".repeat(20_000)}${")".repeat(20_000)}\nGet-Date`);
    expect(empty.commands.map((c) => c.name)).toEqual(["Get-Date"]);
    const chained = await parsePowerShell(`$x = ${"[ref]".repeat(3000)}$y\n$p = ${"@{ a = ".repeat(2000)}1${" }".repeat(2000)}`);
    expect(chained.syntaxErrors).toEqual([]);
  });
});

describe("parsePowerShell: errors", () => {
  it("keeps the commands of statements the grammar parsed, and none from what it could not", async () => {
    const script = await parsePowerShell(
      "Get-Date\nfunction Test { [CmdletBinding()] param() process { New-ServicePrincipal -ObjectId x } }\nGet-Item .",
    );
    expect(script.syntaxErrors).toEqual([]);
    expect(script.unparsed.length).toBeGreaterThan(0);
    expect(script.commands.map((c) => c.name)).toContain("Get-Item");
  });

  it("parses a checked command again on its own when the statement around it does not parse", async () => {
    const script = await parsePowerShell("function Register { param($Id) New-ServicePrincipal -AppId a -ServiceId $Id }\nGet-Date");
    expect(script.unparsed).not.toEqual([]);
    expect(script.commands.map((c) => c.name)).toEqual(["New-ServicePrincipal", "Get-Date"]);
    expect(bound(command(script, "New-ServicePrincipal"))).toEqual(["AppId=a", "ServiceId=<$Id>"]);
  });

  it("drops the command with an unterminated string and those after it: to PowerShell they are part of the string", async () => {
    const script = await parsePowerShell("Get-Date\nWrite-Host 'oops\nSet-CASMailbox x -SmtpClientAuthenticationDisabled $true\n");
    expect(script.syntaxErrors.map((e) => slice(script, e.span))).toEqual(["'"]);
    expect(script.commands.map((c) => c.name)).toEqual(["Get-Date"]);
  });
});
