import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../test/seeded-random.js";
import { lintFile } from "../lint/lint-file.js";
import { parseXml } from "./parse.js";
import { scan } from "./scan.js";
import { firstSyntaxError } from "./well-formed.js";

const FIXTURES = join(import.meta.dirname, "../../../../fixtures/xml");

// Mutations of a good file, as a hand-edit or a bad paste makes them: whatever comes out, the
// first pass never throws, a file a conforming parser accepts gets no syntax error, one it
// rejects gets one (or a recognised mistake that explains it), spans stay inside the text, and
// no message quotes the client secret.
const SECRET = "Zq8~sEcReT.vAlUe_42";
const GOOD = `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
  <!-- prod -->
  <smtp>
    <network host="smtp.office365.com" port="587" secureSocketOptions="StartTls">
      <azureAdClientCredentials
        instance="https://login.microsoftonline.com"
        clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04"
        clientSecret="${SECRET}"
        tenantId="2487abfa-47fc-4f60-8af4-2b857b17432c"
        userName="omada-notify@contoso.com"
        scopes="https://outlook.office365.com/.default" />
    </network>
  </smtp>
</notificationSettings>
`;
const PIECES = ["<", ">", "/", '"', "'", "&", "=", " ", "\n", "<!--", "-->", "</smtp>", "<network>", "?>", "]]>", "<![CDATA[", "x:"];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length);
    const kind = next();
    if (kind < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
    else if (kind < 0.75) out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at);
    else if (kind < 0.9) out = out.slice(0, at);
    else out = out.slice(0, at) + out.slice(at, at + 20).toUpperCase() + out.slice(at + 20);
  }
  return out;
}

/** Whether the scan proves the text well-formed, so that the parser never sees it. */
function provablyWellFormed(text: string): boolean {
  return scan(text).provenWellFormed;
}

function wellFormed(text: string): boolean {
  let ok = true;
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", () => {
    ok = false;
  });
  try {
    parser.write(text).close();
  } catch {
    ok = false;
  }
  return ok;
}

const next = seededRandom(20261127);
const mutations = Array.from({ length: 400 }, () => mutate(GOOD, next));

describe("the first pass over malformed XML", () => {
  it("finds no syntax error in the good file", () => {
    expect(parseXml(GOOD).syntaxError).toBeUndefined();
  });

  it("agrees with the parser on what is well-formed, 400 mutations", () => {
    const disagreements: string[] = [];
    for (const text of mutations) {
      const document = parseXml(text);
      const recognised = document.declaration?.problem || document.declaration?.notAtStart?.fix || document.attributesAsText.length > 0;
      const error = document.syntaxError;
      if (error && (error.span.start < 0 || error.span.end > text.length || error.span.start > error.span.end))
        disagreements.push(`span: ${text}`);
      if (wellFormed(text) ? error !== undefined : error === undefined && !recognised) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });

  it("never quotes the client secret, whatever the mutation", async () => {
    const quoted: string[] = [];
    for (const text of mutations) {
      for (const diagnostic of await lintFile({ file: "n.xml", text, bom: false }, "xml")) {
        if (/Zq8|sEcReT|vAlUe/.test(diagnostic.message)) quoted.push(`${diagnostic.ruleId}: ${diagnostic.message}`);
      }
    }
    expect(quoted).toEqual([]);
  });
});

describe("the fast path of the well-formedness check", () => {
  const fixtures = readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".xml"))
    .sort()
    .map((name) => readFileSync(join(FIXTURES, name), "utf8").replace(/^\uFEFF/, ""));

  it("proves only what the parser accepts, 6,000 mutations of the XML fixtures", () => {
    const next = seededRandom(20261128);
    const wrong: string[] = [];
    let proven = 0;
    for (let i = 0; i < 6000; i++) {
      const text = mutate(fixtures[i % fixtures.length] as string, next);
      if (!provablyWellFormed(text)) continue;
      proven++;
      if (!wellFormed(text)) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    expect(proven).toBeGreaterThan(100);
  });

  it("explains a mistake the scan knows as the parser's first error is explained, 6,000 mutations of the XML fixtures", () => {
    const next = seededRandom(20261129);
    const different: string[] = [];
    const known = { ampersand: 0, "end tag": 0, unclosed: 0 };
    for (let i = 0; i < 6000; i++) {
      const text = mutate(fixtures[i % fixtures.length] as string, next);
      const scanned = scan(text);
      if (scanned.plainMistake === undefined) continue;
      known[scanned.plainMistake.kind]++;
      const byParser = firstSyntaxError({ ...scanned, plainMistake: undefined });
      if (byParser === undefined || JSON.stringify(firstSyntaxError(scanned)) !== JSON.stringify(byParser)) different.push(text);
    }
    expect(different).toEqual([]);
    expect(Math.min(...Object.values(known))).toBeGreaterThan(25);
  });

  it("proves the plain fixtures the parser accepts, and none it rejects", () => {
    const verdicts = fixtures.map((text) => [provablyWellFormed(text), wellFormed(text)]);
    expect(verdicts.filter(([fast, parser]) => fast && !parser)).toEqual([]);
    expect(verdicts.filter(([fast]) => fast).length).toBeGreaterThan(10);
    expect(provablyWellFormed(GOOD)).toBe(true);
  });

  const root = (inside: string, attributes = "") => `<?xml version="1.0" encoding="utf-8"?>\n<a${attributes}>${inside}</a>\n`;
  it.each([
    ["an element that is not closed", "<a><b></a>"],
    ["an end tag of another name", root("<b></c>")],
    ["an end tag of another case", root("<b></B>")],
    ["an end tag with no start tag", `${root("")}</a>`],
    ["two roots", `${root("")}<b/>`],
    ["no root", `<?xml version="1.0"?>\n<!-- c -->\n`],
    ["an empty file", ""],
    ["text outside the root", `${root("")}x`],
    ["text before the root", `x${root("")}`],
    ["an attribute written twice", root("", ` b="1" b="2"`)],
    ["attributes without a space between them", root("", ` b="1"c="2"`)],
    ["an attribute without a value", root("", " b")],
    ["an attribute value without quotes", root("", " b=1")],
    ["spaces around =", root("", ` b = "1"`)],
    ["a < in a value", root("", ` b="<"`)],
    ["a < in text", root("1 < 2")],
    ["a bare & in text", root("a & b")],
    ["a bare & in a value", root("", ` b="a&b"`)],
    ["an undefined entity", root("&nbsp;")],
    ["a character reference", root("&#65;")],
    ["]]> in text", root("a]]>b")],
    ["-- inside a comment", root("<!-- a -- b -->")],
    ["a comment ending in --->", root("<!-- a --->")],
    ["a DOCTYPE", `<!DOCTYPE a>${root("")}`],
    ["a CDATA section", root("<![CDATA[x]]>")],
    ["a processing instruction", root("<?pi x?>")],
    ["a declaration not at the start", ` ${root("")}`],
    ["a declaration with standalone", `<?xml version="1.0" standalone="yes"?><a/>`],
    ["a declaration of another version", `<?xml version="1.1"?><a/>`],
    ["a declaration of another encoding", `<?xml version="1.0" encoding="latin1"?><a/>`],
    ["a second declaration", `${root("")}<?xml version="1.0"?>`],
    ["a byte order mark", `\uFEFF${root("")}`],
    ["a control character", root("\u0001")],
    ["a C1 control character", root("\u0085")],
    ["a lone surrogate", root("\uD800")],
    ["U+FFFE", root("\uFFFE")],
    ["a prefixed element", root("<x:b/>")],
    ["a prefixed attribute", root("", ` x:b="1"`)],
    ["an xml: attribute", root("", ` xml:lang="en"`)],
    ["an element named xml…", root("<xmlb/>")],
    ["the XML namespace as default", root("", ` xmlns="http://www.w3.org/XML/1998/namespace"`)],
    ["a non-ASCII name", root("<é/>")],
    ["a name starting with a digit", root("<1b/>")],
    ["a / not followed by >", root("<b / >")],
    ["a cut-off start tag", `<?xml version="1.0"?>\n<a b="1"`],
  ])("does not prove %s", (_, text) => {
    expect(provablyWellFormed(text)).toBe(false);
  });

  it.each([
    ["a bare root", "<a/>"],
    ["predefined entities", root("&lt;&gt;&amp;&quot;&apos;", ` b="&amp;&lt;"`)],
    ["comments around the root", `<!-- a -->\n<a><!-- b --></a>\n<!-- c -->\n`],
    ["single quotes and spaces in tags", `<a b='1' c="2" ><d e="3" /></a >`],
    ["non-ASCII text", root("é – 😀", ` b="ü"`)],
  ])("proves %s, as the parser accepts it", (_, text) => {
    expect(wellFormed(text)).toBe(true);
    expect(provablyWellFormed(text)).toBe(true);
  });
});
