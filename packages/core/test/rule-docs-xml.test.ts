import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFile } from "../src/lint/lint-file.js";
import { exampleConfig } from "./example-config.js";
import { TEST_TODAY } from "./rule-tester.js";

// docs.test.ts checks the first example of each rule page. Config rules that check XML too show
// it in a section of its own, "## In notificationSettings XML": its bad example must be found,
// with the messages printed under it, and its good example must lint clean. A ```yaml smtpcfg.yaml
// block before an example is the config it is linted with (--config).
const rulesDir = join(import.meta.dirname, "../../../docs/rules");
const HEADING = "## In notificationSettings XML";
const REFRESH = "run smtpcfg lint on the example and paste what it prints";

const pages = readdirSync(rulesDir)
  .filter((name) => name.endsWith(".md") && readFileSync(join(rulesDir, name), "utf8").includes(`\n${HEADING}\n`))
  .sort();

function xmlSection(page: string): string {
  const rest = page.slice(page.indexOf(`\n${HEADING}\n`) + HEADING.length + 2);
  const end = rest.search(/^## /m);
  return end === -1 ? rest : rest.slice(0, end);
}

const lint = (code: string, options: ReturnType<typeof exampleConfig>) =>
  lintFile({ file: "notificationSettings.xml", text: code, bom: false }, "xml", { today: TEST_TODAY, ...options });

describe.each(pages)("docs/rules/%s, in notificationSettings XML", (name) => {
  const id = name.replace(/\.md$/, "");
  const section = xmlSection(readFileSync(join(rulesDir, name), "utf8"));
  const examples = [...section.matchAll(/^```xml\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
  const printed = /^```text\n([\s\S]*?)^```$/m.exec(section)?.[1] ?? "";

  it("has a bad example the rule reports, with the messages the tool prints for it", async () => {
    expect(examples.length, "a bad and a good ```xml example").toBeGreaterThanOrEqual(2);
    const diagnostics = await lint(examples[0] as string, exampleConfig(section, 0));
    expect(diagnostics.map((d) => d.ruleId)).toContain(id);
    const printedFindings = printed.split("\n").filter((line) => /^\s+\d+:\d+\s+(error|warning)\s/.test(line));
    expect(printedFindings, REFRESH).toHaveLength(diagnostics.length);
    for (const diagnostic of diagnostics) expect(printed, REFRESH).toContain(diagnostic.message);
  });

  it("has a good example on which smtpcfg reports nothing", async () => {
    expect((await lint(examples[1] as string, exampleConfig(section, 1))).map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  });
});
