import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintableConfig } from "../config/lintable.js";
import { loadConfig } from "../config/load.js";
import type { SmtpcfgConfiguration } from "../config/model.js";
import { lintConfig } from "../lint/lint-config.js";
import { lintFile } from "../lint/lint-file.js";
import { parsePowerShell } from "../powershell/parse.js";
import { decodeSource } from "../source.js";
import { generate } from "./generate.js";
import { sha256Hex } from "./header.js";

// Golden cases: fixtures/generate/<case>/smtpcfg.yaml gives exactly the files under
// fixtures/generate/<case>/expected/, byte for byte. UPDATE_GOLDEN=1 rewrites expected/: read
// every change before committing it.
const root = join(import.meta.dirname, "../../../../fixtures/generate");
const TODAY = "2026-06-01";
const cases = readdirSync(root)
  .filter((name) => statSync(join(root, name)).isDirectory())
  .sort();

function filesUnder(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((inner) => `${name}/${inner}`) : [name];
  });
}

function load(name: string) {
  const file = join(root, name, "smtpcfg.yaml");
  const bytes = readFileSync(file);
  const decoded = decodeSource(file, bytes);
  if (!decoded.ok) throw new Error(decoded.diagnostic.message);
  const config = loadConfig(decoded.source).config as SmtpcfgConfiguration;
  const result = generate(config, {
    from: { configName: "smtpcfg.yaml", sha256: sha256Hex(bytes) },
    configDir: join(root, name),
    outDir: join(root, name, "expected"),
  });
  return { source: decoded.source, config, result };
}

describe.each(cases)("generate %s", (name) => {
  const expectedDir = join(root, name, "expected");
  const { source, config, result } = load(name);

  it("lints without errors, so generate accepts it", () => {
    expect(lintConfig(source, { today: TODAY }).filter((d) => d.severity === "error")).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it("writes exactly the files under expected/, byte for byte", () => {
    if (process.env.UPDATE_GOLDEN === "1") {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const file of result.files) {
        mkdirSync(dirname(join(expectedDir, file.path)), { recursive: true });
        writeFileSync(join(expectedDir, file.path), file.text);
      }
    }
    expect(result.files.map((file) => file.path).sort()).toEqual(filesUnder(expectedDir).sort());
    for (const file of result.files) expect(file.text, file.path).toBe(readFileSync(join(expectedDir, file.path), "utf8"));
  });

  it("gives the same bytes every time", () => {
    expect(load(name).result.files).toEqual(result.files);
  });

  it.each(result.files.filter((file) => file.kind !== "omada").map((file) => file.path))("%s parses and lints clean", async (path) => {
    const text = (result.files.find((file) => file.path === path) as { text: string }).text;
    expect((await parsePowerShell(text)).syntaxErrors).toEqual([]);
    const diagnostics = await lintFile({ ...source, file: join(expectedDir, path), text }, "powershell", {
      config: config as LintableConfig,
      today: TODAY,
    });
    expect(diagnostics.map((d) => `${relative(root, d.file)}:${d.range.start.line} ${d.message} [${d.ruleId}]`)).toEqual([]);
  });

  it.each(result.files.filter((file) => file.kind === "omada").map((file) => file.path))("%s lints clean", async (path) => {
    const text = (result.files.find((file) => file.path === path) as { text: string }).text;
    const diagnostics = await lintFile({ ...source, file: join(expectedDir, path), text }, "xml", {
      config: config as LintableConfig,
      today: TODAY,
    });
    expect(diagnostics.map((d) => `${d.range.start.line} ${d.message} [${d.ruleId}]`)).toEqual([]);
  });
});
