import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import { parsePowerShell } from "../powershell/parse.js";
import { LineIndex } from "../text/line-index.js";
import { parseXml } from "../xml/parse.js";
import type { FileKind } from "./rule.js";
import { applySuppressions, backtickContinuation, type SuppressionContext, startTagContinuation, yamlComments } from "./suppressions.js";

const finding = (ruleId: string, line: number): Diagnostic => ({
  ruleId,
  severity: "error",
  message: `${ruleId} on line ${line}`,
  file: "f",
  range: { start: { line, column: 1 }, end: { line, column: 2 } },
});

/** The comments of a text and where its lines go on, found as lintFile finds them. */
async function suppressionContext(kind: FileKind, text: string, rulesRan: boolean): Promise<SuppressionContext> {
  if (kind === "config") return { comments: () => yamlComments(text), rulesRan };
  if (kind === "xml") {
    const document = parseXml(text);
    return { comments: () => document.comments.map(({ span }) => span), rulesRan, continuation: startTagContinuation(document.elements) };
  }
  const script = await parsePowerShell(text);
  return { comments: () => script.comments.map(({ span }) => span), rulesRan, continuation: backtickContinuation };
}

const run = async (kind: FileKind, text: string, diagnostics: Diagnostic[], rulesRan = true, unchecked?: (line: number) => boolean) => {
  const context = await suppressionContext(kind, text, rulesRan);
  return applySuppressions({ file: "f", text, bom: false }, kind, diagnostics, unchecked ? { ...context, unchecked } : context).map(
    (d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId}: ${d.message}`,
  );
};

describe("smtpcfg-disable-next-line", () => {
  it("drops the named rules' findings on the next line of an XML file, and only those", async () => {
    const text = "<a>\n<!-- smtpcfg-disable-next-line port, tls-mode -->\n<network/>\n<b/>\n";
    expect(await run("xml", text, [finding("port", 3), finding("tls-mode", 3), finding("host-known", 3), finding("port", 4)])).toEqual([
      "3:1 host-known: host-known on line 3",
      "4:1 port: port on line 4",
    ]);
  });

  it("takes # comments in YAML and PowerShell, and no rule id means every rule", async () => {
    const yaml = "a: 1\n  # smtpcfg-disable-next-line\nb: 2\n";
    expect(await run("config", yaml, [finding("inline-secret", 3), finding("duplicate-name", 3)])).toEqual([]);
    const script = "# smtpcfg-disable-next-line new-serviceprincipal-serviceid\nNew-ServicePrincipal -ServiceId x\n";
    expect(await run("powershell", script, [finding("new-serviceprincipal-serviceid", 2)])).toEqual([]);
  });

  it("never hides what decides whether a file can be checked at all", async () => {
    const yaml = "# smtpcfg-disable-next-line schema yaml-syntax\nversion: 2\n";
    const warning: Diagnostic = { ...finding("yaml-syntax", 2), severity: "warning" };
    expect(await run("config", yaml, [finding("schema", 2), warning])).toEqual([
      "2:1 schema: schema on line 2",
      "2:1 yaml-syntax: yaml-syntax on line 2",
      "1:1 unused-suppression: smtpcfg-disable-next-line names schema and yaml-syntax, whose findings no comment suppresses: they report what keeps the file from being read or checked whole; fix what they report, and take them out of the comment",
    ]);
  });

  it("says so of such an id even in a file with a syntax error, and reports the other ids as usual", async () => {
    const xml = "<a>\n<!-- smtpcfg-disable-next-line xml-syntax port -->\n<network port='25' <b/>\n</a>\n";
    expect(await run("xml", xml, [finding("xml-syntax", 3), finding("port", 3)])).toEqual([
      "3:1 xml-syntax: xml-syntax on line 3",
      "2:1 unused-suppression: smtpcfg-disable-next-line names xml-syntax, whose findings no comment suppresses: it reports what keeps the file from being read or checked whole; fix what it reports, and take it out of the comment",
    ]);
  });

  it("says that a suppression at the end of the file has no line after it", async () => {
    for (const text of ["<a/>\n<!-- smtpcfg-disable-next-line port -->\n", "<a/>\n<!-- smtpcfg-disable-next-line port -->"]) {
      expect(await run("xml", text, [])).toEqual([
        "2:1 unused-suppression: smtpcfg-disable-next-line for port ends the file, so there is no line after it to suppress; remove it",
      ]);
    }
  });

  it("reports a suppression that suppresses nothing, naming the rules it was for", async () => {
    const text = "<a>\n<!-- smtpcfg-disable-next-line port -->\n<b/>\n</a>\n";
    expect(await run("xml", text, [])).toEqual([
      "2:1 unused-suppression: smtpcfg-disable-next-line for port suppresses nothing on line 3; remove it",
    ]);
    expect(await run("config", "# smtpcfg-disable-next-line\nx: 1\n", [])).toEqual([
      "1:1 unused-suppression: smtpcfg-disable-next-line for every rule suppresses nothing on line 2; remove it",
    ]);
  });

  it("says that an id is no rule, with the rule meant, rather than to remove the comment", async () => {
    const text = "<a>\n<!-- smtpcfg-disable-next-line tls-mod port -->\n<b/>\n</a>\n";
    expect(await run("xml", text, [finding("port", 3)])).toEqual([
      '2:1 unused-suppression: smtpcfg-disable-next-line names "tls-mod", which is no rule of smtpcfg; did you mean "tls-mode"?',
    ]);
    expect(await run("config", "# smtpcfg-disable-next-line no-such-thing\nx: 1\n", [])).toEqual([
      '1:1 unused-suppression: smtpcfg-disable-next-line names "no-such-thing", which is no rule of smtpcfg',
    ]);
  });

  it("does not mistake the directive's text in YAML values or XML attributes for a comment", async () => {
    expect(await run("config", "note: 'smtpcfg-disable-next-line port'\nx: 1\n", [finding("port", 2)])).toHaveLength(1);
    expect(await run("xml", '<a note="smtpcfg-disable-next-line port"/>\n<b/>\n', [finding("port", 2)])).toHaveLength(1);
  });
});

describe("a start tag or a command over several lines", () => {
  const tag = [
    "<network>",
    "  <!-- smtpcfg-disable-next-line unknown-attribute inline-secret -->",
    "  <azureAdClientCredentials",
    '    clientSecret="x"',
    '    timeout="30" />',
    "  <azureAdClientCredentials",
    '    timeout="30" />',
    "</network>",
    "",
  ].join("\n");

  it("is covered whole in XML by a suppression above its first line, as no comment can stand inside a tag", async () => {
    const diagnostics = [finding("inline-secret", 4), finding("unknown-attribute", 5), finding("unknown-attribute", 7)];
    expect(await run("xml", tag, diagnostics)).toEqual(["7:1 unknown-attribute: unknown-attribute on line 7"]);
  });

  it("is named by its lines when the suppression is unused", async () => {
    expect(await run("xml", tag, [])).toEqual([
      "2:3 unused-suppression: smtpcfg-disable-next-line for unknown-attribute, inline-secret suppresses nothing on lines 3 to 5; remove it",
    ]);
  });

  it("is covered whole in PowerShell while its lines end with a backtick, and no further", () => {
    const script = [
      "# smtpcfg-disable-next-line new-serviceprincipal-serviceid",
      "New-ServicePrincipal `",
      "  -AppId x `",
      "  -ServiceId y",
      "New-ServicePrincipal -ServiceId z",
      "",
    ].join("\n");
    const lines = new LineIndex(script);
    expect([1, 2, 3, 4, 5].map((line) => backtickContinuation(line, lines))).toEqual([1, 4, 4, 4, 5]);
    // A doubled backtick is an escaped one, and a file's last line goes nowhere.
    const escaped = new LineIndex("Write-Host a``\r\nWrite-Host b `\r\n");
    expect([1, 2].map((line) => backtickContinuation(line, escaped))).toEqual([1, 2]);
  });
});

describe("a <# #> block comment in PowerShell", () => {
  it("is a directive when it starts with one, like ESLint's /* eslint-disable-next-line */", async () => {
    const script = "<# smtpcfg-disable-next-line new-serviceprincipal-serviceid #>\nNew-ServicePrincipal -ServiceId x\n";
    expect(await run("powershell", script, [finding("new-serviceprincipal-serviceid", 2)])).toEqual([]);
    const described =
      "  <#\n    smtpcfg-disable-next-line new-serviceprincipal-serviceid -- the old module\n  #>\nNew-ServicePrincipal -ServiceId x\n";
    expect(await run("powershell", described, [finding("new-serviceprincipal-serviceid", 4)])).toEqual([]);
  });

  it("is reported like a # directive when unused, or after other text on its line", async () => {
    const unused = "<# smtpcfg-disable-next-line port #>\nConnect-ExchangeOnline\n";
    expect(await run("powershell", unused, [])).toEqual([
      "1:1 unused-suppression: smtpcfg-disable-next-line for port suppresses nothing on line 2; remove it",
    ]);
    const after = "Connect-ExchangeOnline <# smtpcfg-disable-next-line #>\nNew-ServicePrincipal -ServiceId x\n";
    expect(await run("powershell", after, [finding("new-serviceprincipal-serviceid", 2)])).toHaveLength(2);
  });

  it("holds no directive in a # line inside it: that line is text of the comment (comment-based help), as it is to PowerShell", async () => {
    const help = "<#\n.EXAMPLE\n  # smtpcfg-disable-next-line new-serviceprincipal-serviceid\n#>\nNew-ServicePrincipal -ServiceId x\n";
    expect(await run("powershell", help, [finding("new-serviceprincipal-serviceid", 5)])).toEqual([
      "5:1 new-serviceprincipal-serviceid: new-serviceprincipal-serviceid on line 5",
    ]);
  });
});

describe("a directive after other text on its line", () => {
  it("suppresses nothing in YAML, and says where to write it", async () => {
    const yaml = 'credential: # smtpcfg-disable-next-line\n  clientSecret: "x"\n';
    expect(await run("config", yaml, [finding("inline-secret", 2)])).toEqual([
      "2:1 inline-secret: inline-secret on line 2",
      "1:13 unused-suppression: smtpcfg-disable-next-line after other text on its line suppresses nothing: write it on a line of its own, just above the line it is about",
    ]);
  });

  it("suppresses nothing in PowerShell and XML either", async () => {
    const script = "Connect-ExchangeOnline # smtpcfg-disable-next-line\nNew-ServicePrincipal -ServiceId x\n";
    expect(await run("powershell", script, [finding("new-serviceprincipal-serviceid", 2)])).toEqual([
      "2:1 new-serviceprincipal-serviceid: new-serviceprincipal-serviceid on line 2",
      "1:24 unused-suppression: smtpcfg-disable-next-line after other text on its line suppresses nothing: write it on a line of its own, just above the line it is about",
    ]);
    const xml = "<a>\n<smtp> <!-- smtpcfg-disable-next-line port -->\n<network/>\n</smtp></a>\n";
    expect(await run("xml", xml, [finding("port", 3)])).toEqual([
      "3:1 port: port on line 3",
      "2:8 unused-suppression: smtpcfg-disable-next-line after other text on its line suppresses nothing: write it on a line of its own, just above the line it is about",
    ]);
    const followed = "<a>\n<!-- smtpcfg-disable-next-line port --> <smtp>\n<network/>\n</smtp></a>\n";
    expect(await run("xml", followed, [finding("port", 3)])).toHaveLength(2);
  });

  it("is no directive inside a value: a quoted YAML scalar, a block scalar, a PowerShell string, XML character data", async () => {
    const quoted = 'displayName: "SMTP # smtpcfg-disable-next-line"\nport: 25\n';
    expect(await run("config", quoted, [finding("port", 2)])).toEqual(["2:1 port: port on line 2"]);
    const block = "note: |\n  # smtpcfg-disable-next-line\nport: 25\n";
    expect(await run("config", block, [finding("port", 3)])).toEqual(["3:1 port: port on line 3"]);
    const hereString = '$note = @"\n# smtpcfg-disable-next-line\n"@\nNew-ServicePrincipal -ServiceId x\n';
    expect(await run("powershell", hereString, [finding("new-serviceprincipal-serviceid", 3)])).toEqual([
      "3:1 new-serviceprincipal-serviceid: new-serviceprincipal-serviceid on line 3",
    ]);
    const cdata = "<a><![CDATA[\n<!-- smtpcfg-disable-next-line port -->\n]]><network/>\n</a>\n";
    expect(await run("xml", cdata, [finding("port", 3)])).toEqual(["3:1 port: port on line 3"]);
  });

  it("still works on a line of its own after blanks, with CRLF line breaks, and in a comment over several lines", async () => {
    const yaml = "a:\r\n  \t# smtpcfg-disable-next-line port\r\n  port: 25\r\n";
    expect(await run("config", yaml, [finding("port", 3)])).toEqual([]);
    const xml = "<a>\n  <!--\n    smtpcfg-disable-next-line port\n  -->\n  <network/>\n</a>\n";
    expect(await run("xml", xml, [finding("port", 5)])).toEqual([]);
  });
});

describe("a file the rules could not check whole", () => {
  it("has its suppressions neither applied nor reported when no rule checked it: they may be used once it parses", async () => {
    const yaml = "# smtpcfg-disable-next-line inline-secret\nclientSecret: [\n";
    expect(await run("config", yaml, [finding("yaml-syntax", 2)], false)).toEqual(["2:1 yaml-syntax: yaml-syntax on line 2"]);
  });

  it("has its suppressions applied, but none reported as suppressing nothing, when part of it could not be parsed", async () => {
    const xml =
      "<a>\n<!-- smtpcfg-disable-next-line port -->\n<network port='25' <b/>\n<!-- smtpcfg-disable-next-line host-known -->\n<c/>\n</a>\n";
    expect(await run("xml", xml, [finding("xml-syntax", 3), finding("host-known", 5)])).toEqual(["3:1 xml-syntax: xml-syntax on line 3"]);
    const script = "# smtpcfg-disable-next-line new-serviceprincipal-serviceid\nNew-ServicePrincipal -ServiceId (x\n";
    expect(await run("powershell", script, [finding("ps-syntax", 2)])).toEqual(["2:1 ps-syntax: ps-syntax on line 2"]);
  });

  it("does not report a suppression of a line the rules left unchecked as suppressing nothing, and reports the others", async () => {
    const yaml = "# smtpcfg-disable-next-line guid-format\nclientId: 7a83471e\n# smtpcfg-disable-next-line\nport: 25\n";
    expect(await run("config", yaml, [finding("schema", 2)], true, (line) => line === 2)).toEqual([
      "2:1 schema: schema on line 2",
      "3:1 unused-suppression: smtpcfg-disable-next-line for every rule suppresses nothing on line 4; remove it",
    ]);
  });

  it("still says that an id is no rule, or that a directive is after other text", async () => {
    const xml = "<a>\n<!-- smtpcfg-disable-next-line tls-mod -->\n<b/> <!-- smtpcfg-disable-next-line -->\n<network port='25' <c/>\n</a>\n";
    expect(await run("xml", xml, [finding("xml-syntax", 4)])).toEqual([
      "4:1 xml-syntax: xml-syntax on line 4",
      "3:6 unused-suppression: smtpcfg-disable-next-line after other text on its line suppresses nothing: write it on a line of its own, just above the line it is about",
      '2:1 unused-suppression: smtpcfg-disable-next-line names "tls-mod", which is no rule of smtpcfg; did you mean "tls-mode"?',
    ]);
  });
});
