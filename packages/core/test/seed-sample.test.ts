import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { fixFile, lintFile } from "../src/lint/lint-file.js";
import { parseXml } from "../src/xml/parse.js";
import { TEST_TODAY } from "./rule-tester.js";

// The sample of Omada's own guide (fixtures/xml/err/seed-sample.xml, verbatim) has two mistakes:
// a declaration ended with ">" and attributes written after the start tag's ">". One run must
// report both, with positions and fixes, and --fix must give a file any XML parser accepts.
const file = join(import.meta.dirname, "../../../fixtures/xml/err/seed-sample.xml");
const source = { file: "seed-sample.xml", text: readFileSync(file, "utf8"), bom: false };
const options = { today: TEST_TODAY };

/** The errors saxes reports for a text, as messages. */
function saxesErrors(text: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", (error) => errors.push(error.message));
  try {
    parser.write(text).close();
  } catch {
    // Reported above.
  }
  return errors;
}

const xmllint = spawnSync("xmllint", ["--version"]).status === 0;

describe("the sample of Omada's guide", () => {
  it("is not well-formed as it is", () => {
    expect(saxesErrors(source.text)).not.toEqual([]);
  });

  it("gets both of its mistakes reported in one run, with positions and fixes", async () => {
    const structure = (await lintFile(source, "xml", options)).filter(
      (d) => d.ruleId === "xml-declaration" || d.ruleId === "attributes-as-text",
    );
    expect(structure.map((d) => [d.ruleId, d.range.start.line, d.range.start.column, d.fix !== undefined])).toEqual([
      ["xml-declaration", 1, 37, true],
      ["attributes-as-text", 7, 26, true],
    ]);
  });

  it("reports no syntax error beyond the two it recognises", async () => {
    expect((await lintFile(source, "xml", options)).filter((d) => d.ruleId === "xml-syntax")).toEqual([]);
  });

  it("is well-formed after --fix, by the parser, and only secret warnings may remain", async () => {
    const fixed = await fixFile(source, "xml", options);
    expect(fixed.fixed.map((d) => d.ruleId)).toEqual(expect.arrayContaining(["xml-declaration", "attributes-as-text"]));
    expect(saxesErrors(fixed.text)).toEqual([]);
    expect(parseXml(fixed.text).syntaxError).toBeUndefined();
    expect(fixed.text).toContain('<?xml version="1.0" encoding="utf-8"?>');
    expect(fixed.text).toMatch(/<azureAdClientCredentials\ninstance="https:\/\/login\.microsoftonline\.com"\n[\s\S]*\n\/>\n<\/network>/);
    const left = fixed.diagnostics.filter((d) => d.ruleId !== "inline-secret" && d.ruleId !== "secret-id-as-secret");
    expect(left.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  });

  it.skipIf(!xmllint)("is well-formed after --fix, by xmllint --noout", async () => {
    const fixed = await fixFile(source, "xml", options);
    const folder = mkdtempSync(join(tmpdir(), "smtpcfg-seed-"));
    try {
      const before = join(folder, "before.xml");
      const after = join(folder, "after.xml");
      writeFileSync(before, source.text);
      writeFileSync(after, fixed.text);
      expect(spawnSync("xmllint", ["--noout", before]).status, "xmllint rejects the sample as it is").not.toBe(0);
      const checked = spawnSync("xmllint", ["--noout", after], { encoding: "utf8" });
      expect(checked.stderr).toBe("");
      expect(checked.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the sample of Omada's guide with other line breaks", () => {
  it.each([
    ["CRLF", "\r\n"],
    ["a lone CR", "\r"],
  ])("is fixed as with LF, its line breaks %s, and none of another kind added", async (_, lineBreak) => {
    const withLf = (await fixFile(source, "xml", options)).text;
    const fixed = await fixFile({ ...source, text: source.text.replace(/\n/g, lineBreak) }, "xml", options);
    expect(fixed.text).toBe(withLf.replace(/\n/g, lineBreak));
  });
});
