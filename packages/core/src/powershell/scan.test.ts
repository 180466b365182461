import { describe, expect, it } from "vitest";
import { normalizeForGrammar } from "./normalize.js";
import { scanPowerShell } from "./scan.js";

const scan = (text: string) =>
  scanPowerShell(normalizeForGrammar(text), text).map((error) => ({
    at: text.slice(error.span.start, error.span.end),
    start: error.span.start,
    message: error.message,
  }));

describe("scanPowerShell", () => {
  it.each([
    ["comments with quotes and brackets", "# it's {\n<# don't ( #>\nGet-Date"],
    ["doubled quotes and backtick escapes", 'Write-Host \'it\'\'s\' "say `"hi`" and ""bye"""'],
    ["subexpressions with strings inside strings", 'Write-Host "a $(Get-Item "x" | % { $_.Name }) b"'],
    ["here-strings with quotes, brackets and an empty one", "$a = @'\nit's ( {\n'@\n$b = @\"\n\"quoted\" $(1 + 2)\n\"@\n$c = @'\n'@"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${a:b} is PowerShell's braced variable
    ["drive-qualified, scoped, braced and static variables", 'Write-Host "$env:PATH $script:x ${a:b} $($x):y" ([int]::MaxValue) $global:y'],
    [
      "a pipeline continued on the next line, and the || and && operators",
      "Get-Mailbox |\n  # comment\n  Set-CASMailbox -PopEnabled $false\na || b && c",
    ],
    ["a backtick at the end of a line", "Get-Date `\n  -Format o"],
    ["stop-parsing, which passes quotes and brackets as they are", 'icacls x --% /grant "Users:(R\nGet-Date'],
    ["typographic quotes and dashes used consistently", "Write-Host ‘a’ “b” –NoNewline"],
    ["hashtables, arrays and script blocks", "$h = @{ a = @(1, 2); b = { param($x) $x } }"],
  ])("finds nothing in %s", (_, text) => {
    expect(scan(text)).toEqual([]);
  });

  it("reads a # inside a bare word as part of the word, not as a comment", () => {
    expect(scan("Write-Host a#b (")).toMatchObject([{ at: "(" }]);
  });

  it("reports an unterminated string at its opening quote, as swallowing the rest", () => {
    const [error] = scanPowerShell("Get-Date\nWrite-Host 'oops\nGet-Date");
    expect(error).toEqual({
      span: { start: 20, end: 21 },
      swallowsRest: true,
      message:
        "the string that starts on line 2 is never closed, so PowerShell reads the rest of the script as part of it and stops with \"The string is missing the terminator: '.\"; add the closing ' (a ' inside the string is written '')",
    });
  });

  it("explains an apostrophe in a bare word, and a typographic quote that ends a string early", () => {
    expect(scan("Set-User -DisplayName O'Brien")[0]?.message).toMatch(
      /an apostrophe inside an unquoted word \(O'Brien\) starts a string too/,
    );
    const [typographic] = scan("Write-Host ‘unfinished");
    expect(typographic?.at).toBe("‘");
    expect(typographic?.message).toMatch(/‘ is a typographic quote, and PowerShell reads ‘ ’ ‚ ‛ as ' too/);
    const [apostrophe] = scan("Write-Host ‘it’s late’");
    expect(apostrophe?.at).toBe("’");
    expect(apostrophe?.message).toMatch(
      /the ’ in it’s on line 1 is a typographic quote, which PowerShell reads as ' too: it ended the string there/,
    );
  });

  it("points at the line where a string that runs over lines was probably meant to end", () => {
    expect(scan('$a = "one\nWrite-Host "two"')[0]?.message).toMatch(
      /the string before it starts on line 1 but ends only on line 2: if it should end on line 1, its closing " is missing there/,
    );
  });

  it("reports an unterminated double-quoted string, here-string, block comment and braced variable", () => {
    expect(scan('Write-Host "abc')).toMatchObject([{ at: '"', message: /The string is missing the terminator: "\./ }]);
    expect(scan("$a = @'\ntext\n")).toMatchObject([{ at: "@'", message: /The string is missing the terminator: '@\./ }]);
    expect(scan("<# never closed\nGet-Date")).toMatchObject([
      { at: "<#", message: /the block comment that starts on line 1 is never closed/ },
    ]);
    expect(scan("Write-Host ${name")).toMatchObject([{ at: "${", message: /never closed with "}"/ }]);
  });

  it("points at an indented here-string footer, which does not end it", () => {
    expect(scan('$h = @"\ntext\n    "@\nGet-Date')).toMatchObject([
      {
        at: '"@',
        message:
          /is indented, so it does not end it: PowerShell stops with "White space is not allowed before the string terminator\."; move "@ to the very start of line 3/,
      },
    ]);
  });

  it("reports text after a here-string header", () => {
    expect(scan("$h = @'text'@")).toMatchObject([{ at: "@'", message: /No characters are allowed after a here-string header/ }]);
  });

  it("reports an unclosed bracket where it opens, with the line of a closer indented like an outer line", () => {
    const text = "function A {\n  if ($x) {\n    Get-Date\n}\nfunction B { Get-Date }\n";
    expect(scan(text)).toEqual([
      {
        at: "{",
        start: 11,
        message:
          "this { on line 1 is never closed: the file ends first and PowerShell stops with \"Missing closing '}' in statement block or type definition.\"; add the } where it should end (the } on line 4 closes the bracket of line 2 but is indented like an outer line: the missing one probably belongs before it)",
      },
    ]);
    expect(scan("Write-Host (Get-Date")).toMatchObject([
      { at: "(", message: /this \( on line 1 is never closed: the file ends first; add the \)/ },
    ]);
  });

  it("reports a bracket closed by the wrong closer, and a closer with nothing to close", () => {
    expect(scan("if ($a) { (Get-Date }")).toMatchObject([{ at: "(", message: /the } on line 1 closes a bracket opened before it/ }]);
    expect(scan("Get-Date }")).toMatchObject([{ at: "}", message: /Unexpected token '}' in expression or statement\./ }]);
  });

  it("reports many unclosed brackets as one finding", () => {
    expect(scan("{ { { { { { {")).toMatchObject([{ start: 0, message: /6 more brackets opened after it are not closed either/ }]);
  });

  it("reports an empty pipe element", () => {
    expect(scan("Get-Mailbox |")).toMatchObject([
      { at: "|", message: /the end of the script comes next.*An empty pipe element is not allowed\./ },
    ]);
    expect(scan("Get-Mailbox | | Get-Date")).toMatchObject([{ at: "|", message: /"\|" on line 1 comes next/ }]);
    expect(scan("if ($a) { Get-Mailbox | }")).toMatchObject([{ at: "|" }]);
  });

  it("reports $name: with nothing after the colon, in strings and in code", () => {
    expect(scan('Write-Host "Mailbox $mailbox: done"')).toMatchObject([
      { at: "$mailbox:", message: /write \$\{mailbox\}: to put a colon after the value/ },
    ]);
  });
});
