// Rewrites the tool output quoted in the docs with what the tool prints today: the block after
// each rule page's bad example, and the output-format examples of commands/lint.md. The docs
// test (packages/core/test/docs.test.ts) fails when a quoted message is out of date.
//
//   pnpm build && node docs/refresh-examples.mjs
//
// Read the diff before committing it: a changed message may need a changed explanation too.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const cli = join(root, "packages/cli/bin/smtpcfg.cjs");
const today = new Date().toISOString().slice(0, 10);
const env = { ...process.env, NO_COLOR: "1" };
delete env.FORCE_COLOR;

/** The output of `smtpcfg lint ARGS` in a folder; exit code 1 (findings) is expected. */
function lint(cwd, args) {
  try {
    return execFileSync(process.execPath, [cli, "lint", ...args], { cwd, env, encoding: "utf8" });
  } catch (error) {
    if (error.status === 1) return error.stdout;
    throw new Error(`smtpcfg lint ${args.join(" ")} exited with ${error.status}: ${error.stderr}`);
  }
}

/** Replaces the contents of the first fenced block after `marker` (and before `limit`, when given). */
function replaceBlockAfter(markdown, marker, contents, limit) {
  const at = markdown.indexOf(marker);
  if (at === -1) throw new Error(`no ${JSON.stringify(marker)}`);
  const open = /^```[a-z]*\n/m;
  const match = open.exec(markdown.slice(at));
  const start = at + (match?.index ?? -1) + (match?.[0].length ?? 0);
  const end = markdown.indexOf("\n```\n", start - 1);
  const stop = limit === undefined ? -1 : markdown.indexOf(limit, at);
  if (!match || end === -1 || (stop !== -1 && start > stop)) throw new Error(`no fenced block after ${JSON.stringify(marker)}`);
  return `${markdown.slice(0, start)}${contents.replace(/^\n+|\n+$/g, "")}${markdown.slice(end)}`;
}

const EXAMPLE_FILES = { yaml: "smtpcfg.yaml", xml: "notificationSettings.xml", powershell: "script.ps1" };

/**
 * What `smtpcfg lint` prints for the first example (yaml, xml or powershell) in a piece of a page;
 * with `--config smtpcfg.yaml` when the piece shows that config in a ```yaml smtpcfg.yaml block.
 */
function lintFirstExample(path, markdown) {
  const match = /^```(yaml|xml|powershell)\n([\s\S]*?)^```$/m.exec(markdown);
  // An example of bytes no text block can hold (a file that is not UTF-8) is made by a ```sh block.
  const script = /^```sh\n([\s\S]*?)^```$/m.exec(markdown)?.[1];
  if (!match && script !== undefined) return lintMadeExample(script);
  if (!match) throw new Error(`${path}: no yaml, xml or powershell example`);
  const [, language, code] = match;
  const file = EXAMPLE_FILES[language];
  const config = /^```yaml smtpcfg\.yaml\n([\s\S]*?)^```$/m.exec(markdown)?.[1];
  const folder = mkdtempSync(join(tmpdir(), "smtpcfg-docs-"));
  try {
    writeFileSync(join(folder, file), code);
    if (config !== undefined) writeFileSync(join(folder, "smtpcfg.yaml"), config);
    return lint(folder, [...(config === undefined ? [] : ["--config", "smtpcfg.yaml"]), ...(language === "yaml" ? [] : [file])]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What `smtpcfg lint` prints for the files a ```sh example makes in a folder of its own. */
function lintMadeExample(script) {
  const folder = mkdtempSync(join(tmpdir(), "smtpcfg-docs-"));
  try {
    execFileSync("sh", ["-c", script], { cwd: folder });
    return lint(folder, readdirSync(folder));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const XML_SECTION = "\n## In notificationSettings XML\n";

function refreshRulePage(path) {
  let page = readFileSync(path, "utf8");
  const bad = page.slice(page.indexOf("\n## Bad\n"), page.indexOf("\n## Good\n"));
  page = replaceBlockAfter(page, "`smtpcfg lint` prints", lintFirstExample(path, bad), "\n## Good\n");
  // Config rules that check XML too show it in a section of its own, with its own printed output.
  if (page.includes(XML_SECTION)) {
    const rest = page.slice(page.indexOf(XML_SECTION) + XML_SECTION.length);
    const section = rest.slice(0, rest.search(/^## /m) === -1 ? undefined : rest.search(/^## /m));
    page = replaceBlockAfter(page, "`smtpcfg lint notificationSettings.xml` prints", lintFirstExample(path, section));
  }
  writeFileSync(path, page.replace(/\(run on \d{4}-\d{2}-\d{2};/, `(run on ${today};`));
}

function refreshLintCommand(path) {
  const example = "examples/broken/smtpcfg.yaml";
  let page = readFileSync(path, "utf8");
  const json = JSON.parse(lint(root, [example, "--format", "json"]));
  const sarif = JSON.parse(lint(root, [example, "--format", "sarif"]));
  const [run] = sarif.runs;
  run.tool.driver.rules = run.tool.driver.rules.slice(0, 1);
  run.results = run.results.slice(0, 1);
  page = replaceBlockAfter(page, "### stylish (default)", lint(root, [example]));
  page = replaceBlockAfter(page, "### compact", lint(root, [example, "--format", "compact"]));
  page = replaceBlockAfter(page, "### json", JSON.stringify(json.slice(0, 1), null, 2));
  page = replaceBlockAfter(page, "### sarif", JSON.stringify(sarif, null, 2));
  page = replaceBlockAfter(page, "### github", lint(root, [example, "--format", "github"]));
  page = page.replace(/cut to the first of the \d+ findings/, `cut to the first of the ${json.length} findings`);
  writeFileSync(path, page.replace(/\(here \d{4}-\d{2}-\d{2}\)/, `(here ${today})`));
}

const rules = join(root, "docs/rules");
for (const name of readdirSync(rules).sort()) {
  if (name.endsWith(".md") && name !== "README.md") refreshRulePage(join(rules, name));
}
refreshLintCommand(join(root, "docs/commands/lint.md"));
