import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KNOWLEDGE } from "../src/knowledge/knowledge.js";
import { renderEntry } from "../src/knowledge/render.js";

// docs/knowledge-base.md is this page, made from the knowledge base itself: the test fails when
// an entry changes and the page does not. `npx vitest run packages/core/test/knowledge-page.test.ts -u`
// writes it again.
const PAGE = join(import.meta.dirname, "../../../docs/knowledge-base.md");

/** `<name>` markers as code, so that Markdown does not take them for HTML tags. */
const prose = (text: string) => text.replace(/<(\w+)>/g, "`<$1>`");

function page(): string {
  const lines = [
    "# Knowledge base",
    "",
    "What `smtpcfg explain` prints, and what `smtpcfg verify` reports when a step fails: every entry,",
    "with the codes and replies it is known by. `smtpcfg explain ID` (or a code, or a reply as the",
    "server wrote it) prints one; `smtpcfg verify` fills the `<name>` markers with the names from the",
    "config. See [the explain command](commands/explain.md).",
    "",
    "This page is generated from `packages/core/src/knowledge/`; a test fails when it is out of date",
    "(`npx vitest run packages/core/test/knowledge-page.test.ts -u` writes it again).",
    "",
    "| id | known by | what |",
    "| --- | --- | --- |",
    ...KNOWLEDGE.map(
      (entry) => `| [${entry.id}](#${entry.id}) | ${entry.codes.map((code) => `\`${code}\``).join(", ")} | ${entry.title} |`,
    ),
  ];
  for (const entry of KNOWLEDGE) {
    const { cause, fix, commands } = renderEntry(entry, {});
    lines.push("", `## ${entry.id}`, "", `**${entry.title}**`);
    if (entry.codes.length > 0) lines.push("", `Known by: ${entry.codes.map((code) => `\`${code}\``).join(", ")}`);
    lines.push("", "### Cause", "", prose(cause), "", "### Fix", "", prose(fix));
    if (commands.length > 0) lines.push("", "### Commands", "", "```powershell", ...commands, "```");
    if (entry.links.length > 0) lines.push("", "### Links", "", ...entry.links.map((link) => `- <${link}>`));
  }
  return `${lines.join("\n")}\n`;
}

describe("docs/knowledge-base.md", () => {
  it("lists every entry of the knowledge base as it is", async () => {
    await expect(page()).toMatchFileSnapshot(PAGE);
  });
});
