import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostic.js";
import { FORMATTERS, type FormatName } from "../src/format/index.js";
import { lintConfig } from "../src/lint/lint-config.js";
import { lintFile } from "../src/lint/lint-file.js";
import type { FileKind } from "../src/lint/rule.js";
import { RULES } from "../src/lint/rules/index.js";
import { NON_CONFIGURABLE } from "../src/lint/settings.js";
import { decodeSource } from "../src/source.js";
import { exampleConfig } from "./example-config.js";
import { TEST_TODAY } from "./rule-tester.js";

// ESLint's checkRuleFiles, for this project: every rule has its page in docs/rules and its row
// in the index, every page has the sections users look for, and the examples on a page really
// do what the page says (the bad one is found, the good one is clean, the printed messages are
// the tool's own).
const root = join(import.meta.dirname, "../../..");
const docs = join(root, "docs");
const rulesDir = join(docs, "rules");
const read = (path: string) => readFileSync(path, "utf8");
const ruleIds = RULES.map((rule) => rule.meta.id);
const pageOf = (id: string) => read(join(rulesDir, `${id}.md`));
const REQUIRED_SECTIONS = ["Why it matters", "Bad", "Good", "How to fix"];
const REFRESH = "run `pnpm build && node docs/refresh-examples.mjs`, then read the diff";

/** The body of a `## heading` section, up to the next `## ` heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.search(new RegExp(`^## ${heading}$`, "m"));
  if (start === -1) return "";
  const rest = markdown.slice(start).split("\n").slice(1).join("\n");
  const end = rest.search(/^## /m);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The contents of the first fenced block of a language in a piece of markdown. */
function fenced(markdown: string, language: string): string | undefined {
  return new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "m").exec(markdown)?.[1];
}

/** A rule page's examples are in the language of the files the rule checks; the file name follows it. */
const EXAMPLE_FILES: Record<string, { kind: FileKind; file: string }> = {
  yaml: { kind: "config", file: "smtpcfg.yaml" },
  xml: { kind: "xml", file: "notificationSettings.xml" },
  powershell: { kind: "powershell", file: "script.ps1" },
};

/** The first example of a section, in whichever of the example languages it is written. */
function example(markdown: string): { language: string; code: string } | undefined {
  const match = /^```(yaml|xml|powershell)\n([\s\S]*?)^```$/m.exec(markdown);
  return match ? { language: match[1] as string, code: match[2] as string } : undefined;
}

/**
 * The file made by a section's ```sh block, for an example of bytes no text block can hold (a
 * file that is not UTF-8): the block runs in a folder of its own and must make one file there.
 */
function madeExample(markdown: string): { file: string; bytes: Buffer } | undefined {
  const script = fenced(markdown, "sh");
  if (script === undefined) return undefined;
  const folder = mkdtempSync(join(tmpdir(), "smtpcfg-docs-"));
  execFileSync("sh", ["-c", script], { cwd: folder });
  const made = readdirSync(folder);
  expect(made, "the ```sh example makes one file").toHaveLength(1);
  const file = made[0] as string;
  return { file, bytes: readFileSync(join(folder, file)) };
}

/** Lints a section's example, with the config the section shows for `--config` when it shows one. */
async function lintExample(markdown: string): Promise<Diagnostic[]> {
  const made = example(markdown) === undefined ? madeExample(markdown) : undefined;
  if (made) {
    const decoded = decodeSource(made.file, made.bytes);
    const kind = Object.values(EXAMPLE_FILES).find(({ file }) => file === made.file)?.kind ?? "xml";
    return decoded.ok ? lintFile(decoded.source, kind, { today: TEST_TODAY }) : [decoded.diagnostic];
  }
  const found = example(markdown);
  const { kind, file } = EXAMPLE_FILES[found?.language ?? "yaml"] as { kind: FileKind; file: string };
  return lintFile({ file, text: found?.code ?? "", bom: false }, kind, { today: TEST_TODAY, ...exampleConfig(markdown) });
}

// Pages generated on another day print other day counts; everything else must match exactly.
const sameDay = (text: string) => text.replace(/\b\d+ days?\b/g, "N days");

/** What a page prints under an example lists exactly the findings smtpcfg reports for it, message for message. */
function expectPrinted(printedText: string, diagnostics: readonly Diagnostic[], stale: string): void {
  const printed = sameDay(printedText);
  const printedFindings = printed.split("\n").filter((line) => /^\s+\d+:\d+\s+(error|warning)\s/.test(line));
  expect(printedFindings, stale).toHaveLength(diagnostics.length);
  for (const diagnostic of diagnostics) expect(printed, stale).toContain(sameDay(diagnostic.message));
}

function* markdownFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(path);
    else if (entry.name.endsWith(".md")) yield path;
  }
}

describe("rule documentation", () => {
  const pages = readdirSync(rulesDir).filter((name) => name.endsWith(".md") && name !== "README.md");

  it.each(ruleIds)("%s has a page in docs/rules", (id) => {
    expect(existsSync(join(rulesDir, `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
  });

  it.each(pages)("docs/rules/%s documents a rule that exists", (name) => {
    expect(ruleIds).toContain(name.replace(/\.md$/, ""));
  });

  describe.each(ruleIds)("docs/rules/%s.md", (id) => {
    const meta = RULES.find((rule) => rule.meta.id === id)?.meta;
    const page = existsSync(join(rulesDir, `${id}.md`)) ? pageOf(id) : "";

    it("is titled with the rule id", () => {
      expect(page.split("\n")[0]).toBe(`# ${id}`);
    });

    it.each(REQUIRED_SECTIONS)("has a '%s' section", (heading) => {
      expect(page).toMatch(new RegExp(`^## ${heading}$`, "m"));
      expect(section(page, heading).trim()).not.toBe("");
    });

    it("states the rule's default severity and whether it is fixable", () => {
      expect(page).toContain(`**Default severity:** \`${meta?.defaultSeverity}\``);
      expect(page).toContain(`**Fixable:** ${meta?.fixable ? "yes" : "no"}`);
    });

    it("has a bad example the rule reports, with the messages the tool prints for it", async () => {
      const bad = section(page, "Bad");
      expect(
        example(bad) ?? fenced(bad, "sh"),
        "a ```yaml, ```xml or ```powershell block (or ```sh that makes the file) under ## Bad",
      ).toBeDefined();
      const diagnostics = await lintExample(bad);
      expect(diagnostics.map((d) => d.ruleId)).toContain(id);
      expectPrinted(fenced(bad, "text") ?? "", diagnostics, `the \`\`\`text block under ## Bad is out of date: ${REFRESH}`);
    });

    it("has a good example on which smtpcfg reports nothing", async () => {
      const good = section(page, "Good");
      expect(example(good), "a ```yaml, ```xml or ```powershell block under ## Good").toBeDefined();
      expect((await lintExample(good)).map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
    });
  });
});

// input's bad example is made by a ```sh block, which the checks above only lint; the page calls
// its good example "the same file saved as UTF-8", so the bad one is that text in ISO-8859-1.
describe("docs/rules/input.md", () => {
  it("makes its bad example of the good one's text, saved as ISO-8859-1", () => {
    const page = pageOf("input");
    expect(madeExample(section(page, "Bad"))?.bytes.toString("latin1")).toBe(example(section(page, "Good"))?.code);
  });
});

// A rule that checks another kind of file too shows it in a section of its own: config rules that
// check XML, XML rules that check the config. Its bad example must be found, with the messages
// printed under it, and its good example must lint clean. In the XML section, a ```yaml
// smtpcfg.yaml block before an example is the config it is linted with (--config).
const OTHER_KINDS = [
  { heading: "In notificationSettings XML", language: "xml", kind: "xml" },
  { heading: "In smtpcfg.yaml", language: "yaml", kind: "config" },
] as const;

describe.each(OTHER_KINDS)("a rule page's section $heading", ({ heading, language, kind }) => {
  const pages = ruleIds.filter((id) => existsSync(join(rulesDir, `${id}.md`)) && section(pageOf(id), heading) !== "");
  describe.each(pages)("docs/rules/%s.md", (id) => {
    const other = section(pageOf(id), heading);
    const examples = [...other.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((match) => match[1] as string);
    const file = EXAMPLE_FILES[language]?.file as string;
    const lint = (index: number) =>
      lintFile({ file, text: examples[index] ?? "", bom: false }, kind, {
        today: TEST_TODAY,
        ...(kind === "xml" ? exampleConfig(other, index) : {}),
      });

    it("has a bad example the rule reports, with the messages the tool prints for it", async () => {
      expect(examples.length, `a bad and a good \`\`\`${language} example`).toBeGreaterThanOrEqual(2);
      const diagnostics = await lint(0);
      expect(diagnostics.map((d) => d.ruleId)).toContain(id);
      expectPrinted(fenced(other, "text") ?? "", diagnostics, `the printed output of ## ${heading} is out of date: ${REFRESH}`);
    });

    it("has a good example on which smtpcfg reports nothing", async () => {
      expect((await lint(1)).map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
    });
  });
});

describe("rule index (docs/rules/README.md)", () => {
  const index = read(join(rulesDir, "README.md"));
  const rows = index.split("\n").filter((line) => line.startsWith("| ["));
  // The formatter pads table cells, so cells are compared trimmed.
  const cells = (row: string) =>
    row
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());

  it.each(ruleIds)("lists %s with its description, default severity and fixability", (id) => {
    const meta = RULES.find((rule) => rule.meta.id === id)?.meta;
    const row = rows.map(cells).find((row) => row[0] === `[${id}](${id}.md)`);
    expect(row, `a row for ${id}`).toBeDefined();
    expect(row?.slice(1)).toEqual([meta?.description, meta?.defaultSeverity, meta?.fixable ? "yes" : "no"]);
  });

  it("lists the rules in the order of RULES, and nothing else", () => {
    expect(rows.map((row) => /^\| \[([^\]]+)\]/.exec(row)?.[1])).toEqual(ruleIds);
  });
});

describe("configuration reference (docs/config.md)", () => {
  type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; $ref?: string; description?: string };
  const schema = JSON.parse(read(join(root, "schemas/smtpcfg.schema.json"))) as Schema;
  const defs = schema.$defs as Record<string, Schema>;
  const reference = read(join(docs, "config.md"));

  /** Every key of the schema as config.md names it (tenants[].apps[].name); a definition is expanded where it is nearest the top. */
  function keysOf(): { path: string; description: string | undefined }[] {
    const keys: { path: string; description: string | undefined }[] = [];
    const expanded = new Set<string>();
    let level: { path: string; node: Schema }[] = [{ path: "", node: schema }];
    while (level.length > 0) {
      const next: typeof level = [];
      for (const { path, node } of level) {
        const refName = node.$ref?.replace("#/$defs/", "");
        if (refName !== undefined && expanded.has(refName)) continue;
        if (refName !== undefined) expanded.add(refName);
        const resolved = refName === undefined ? node : { ...defs[refName], ...node };
        const container = resolved.items
          ? { ...resolved.items, ...(resolved.items.$ref ? defs[resolved.items.$ref.replace("#/$defs/", "")] : {}) }
          : resolved;
        const prefix = resolved.items ? `${path}[]` : path;
        for (const [key, child] of Object.entries(container.properties ?? {})) {
          const childPath = prefix === "" ? key : `${prefix}.${key}`;
          const description = child.description ?? (child.$ref ? defs[child.$ref.replace("#/$defs/", "")]?.description : undefined);
          keys.push({ path: childPath, description: description as string | undefined });
          next.push({ path: childPath, node: child });
        }
      }
      level = next;
    }
    return keys;
  }

  const keys = keysOf();

  it("finds the keys of the schema", () => {
    expect(keys.map((key) => key.path)).toEqual(
      expect.arrayContaining(["version", "tenants[].apps[].credential.clientSecret.env", "lint.options.secret-expiry.warnDays"]),
    );
  });

  it.each(keys)("documents $path with the schema's own description", ({ path, description }) => {
    const rule = /^lint\.rules\.(.+)$/.exec(path)?.[1];
    if (rule !== undefined) expect(reference).toMatch(new RegExp(`^\\| \\[\`${rule}\`\\]\\(rules/${rule}\\.md\\) +\\|`, "m"));
    else expect(reference).toMatch(new RegExp(`^### \`${path.replace(/[.[\]]/g, "\\$&")}\`$`, "m"));
    expect(description, `${path} has a description in the schema`).toBeDefined();
    expect(reference).toContain(description);
  });

  it("documents no key the schema does not have", () => {
    const documented = [...reference.matchAll(/^### `([^`]+)`$/gm)].map((match) => match[1]);
    expect(documented.filter((path) => !keys.some((key) => key.path === path))).toEqual([]);
  });

  it("tells editors where the schema is", () => {
    expect(reference).toContain(`# yaml-language-server: $schema=${schema.$id as string}`);
  });

  it("has a complete example smtpcfg lints clean", () => {
    const example = fenced(section(reference, "A complete example"), "yaml") ?? "";
    expect(lintConfig({ file: "smtpcfg.yaml", text: example, bom: false }, { today: TEST_TODAY }).map((d) => d.message)).toEqual([]);
  });
});

describe("README.md, Quick start", () => {
  it("is two commands, the demo and the tests, both scripts of package.json", () => {
    const commands = (fenced(section(read(join(root, "README.md")), "Quick start"), "sh") ?? "")
      .split("\n")
      .map((line) => line.replace(/#.*$/, "").trim())
      .filter((line) => line !== "");
    expect(commands).toEqual(["npm run demo", "npm test"]);
    const scripts = (JSON.parse(read(join(root, "package.json"))) as { scripts: Record<string, string> }).scripts;
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(["demo", "test"]));
  });
});

describe("README.md, The configuration", () => {
  const configuration = section(read(join(root, "README.md")), "The configuration");

  it("shows a config and a lint block that smtpcfg lints clean together", () => {
    const [config = "", lintBlock = ""] = [...configuration.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
    const text = `${config}${lintBlock}`;
    expect(lintBlock).toMatch(/^lint:$/m);
    expect(lintConfig({ file: "smtpcfg.yaml", text, bom: false }, { today: TEST_TODAY }).map((d) => d.message)).toEqual([]);
  });
});

describe("lint command (docs/commands/lint.md)", () => {
  const file = "examples/broken/smtpcfg.yaml";
  const diagnostics = lintConfig({ file, text: read(join(root, file)), bom: false }, { today: TEST_TODAY });
  const toolVersion = (JSON.parse(read(join(root, "packages/cli/package.json"))) as { version: string }).version;
  const real = (format: FormatName) => sameDay(FORMATTERS[format](diagnostics, { cwd: root, color: false, toolVersion }));
  const formats = section(read(join(docs, "commands/lint.md")), "Output formats");
  /** The first block of a language under a format's `### heading`. */
  const shown = (heading: string, language: string) => sameDay(fenced(formats.split(`### ${heading}\n`)[1] ?? "", language) ?? "");
  const stale = `the examples of docs/commands/lint.md are out of date: ${REFRESH}`;

  it.each([
    ["stylish (default)", "stylish"],
    ["compact", "compact"],
    ["github", "github"],
  ] as const)("shows the real %s output for examples/broken/smtpcfg.yaml", (heading, format) => {
    expect(shown(heading, "text").trim(), stale).toBe(real(format).trim());
  });

  it("shows the first finding of the real json output", () => {
    expect(JSON.parse(shown("json", "json")), stale).toEqual(JSON.parse(real("json")).slice(0, 1));
  });

  it("shows the first rule and the first result of the real sarif output", () => {
    const sarif = JSON.parse(real("sarif"));
    const [run] = sarif.runs;
    run.tool.driver.rules = run.tool.driver.rules.slice(0, 1);
    run.results = run.results.slice(0, 1);
    expect(JSON.parse(shown("sarif", "json")), stale).toEqual(sarif);
  });
});

describe("config schema and rules", () => {
  it("lets lint.rules configure exactly the rules in RULES", () => {
    const schema = JSON.parse(read(join(root, "schemas/smtpcfg.schema.json")));
    const configurable = ruleIds.filter((id) => !NON_CONFIGURABLE.has(id));
    expect(Object.keys(schema.properties.lint.properties.rules.properties).sort()).toEqual(configurable.sort());
  });
});

/** Markdown without its fenced blocks, whose `#` lines and `](…)` are code, not headings and links. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```$/gm, "");

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
function anchorsOf(path: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading = ""] of prose(read(path)).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

describe("all documentation", () => {
  const files = [join(root, "README.md"), ...markdownFiles(docs)];

  it.each(files.map((file) => relative(root, file)))("%s links only to files and headings that exist", (file) => {
    const targets = [...prose(read(join(root, file))).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
    const local = targets.filter((target) => !/^[a-z]+:/i.test(target));
    const missing = local.filter((target) => {
      const [path = "", anchor] = target.split("#");
      const linked = path === "" ? join(root, file) : resolve(dirname(join(root, file)), path);
      if (!existsSync(linked)) return true;
      return anchor !== undefined && linked.endsWith(".md") && !anchorsOf(linked).has(anchor);
    });
    expect(missing).toEqual([]);
  });

  it.each(files.map((file) => relative(root, file)))("%s names no path of the machine it was written on", (file) => {
    expect(read(join(root, file))).not.toMatch(/(^|[\s(`"'])\/(work|tmp|home|Users|root)\//m);
  });
});
