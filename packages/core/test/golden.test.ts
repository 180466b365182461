import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintableConfig } from "../src/config/lintable.js";
import { loadConfig } from "../src/config/load.js";
import { FORMATTERS } from "../src/format/index.js";
import { type LintOptions, lintFile } from "../src/lint/lint-file.js";
import type { FileKind } from "../src/lint/rule.js";
import type { LintSettings } from "../src/lint/settings.js";
import { decodeSource } from "../src/source.js";
import { TEST_TODAY } from "./rule-tester.js";

// actionlint's golden files: every fixtures/<kind>/err/<case>.<ext> has <case>.out with the
// expected findings in the compact format; everything under ok/ lints clean.
// UPDATE_GOLDEN=1 rewrites the .out files: read every change before committing it.
const fixtures = join(import.meta.dirname, "../../../fixtures");
const KINDS: { folder: string; kind: FileKind; extension: RegExp }[] = [
  { folder: "config", kind: "config", extension: /\.ya?ml$/ },
  { folder: "xml", kind: "xml", extension: /\.xml$/ },
  { folder: "ps1", kind: "powershell", extension: /\.ps1$/ },
];

const cases = (root: string, folder: string, extension: RegExp) =>
  existsSync(join(root, folder))
    ? readdirSync(join(root, folder))
        .filter((name) => extension.test(name))
        .sort()
    : [];

/**
 * XML files and scripts are compared with a config when the case has one beside it,
 * `<case>.smtpcfg.yaml`: it is what `smtpcfg lint <case> --config <case>.smtpcfg.yaml` uses.
 */
function siblingConfig(file: string, extension: RegExp): LintOptions {
  const path = file.replace(extension, ".smtpcfg.yaml");
  if (path === file || !existsSync(path)) return {};
  const yaml = loadConfig({ file: path, text: readFileSync(path, "utf8"), bom: false }).yaml;
  if (!yaml) throw new Error(`${path} does not parse`);
  const config = yaml.data as LintableConfig;
  return config.lint ? { config, settings: config.lint as LintSettings } : { config };
}

async function lintFixture(root: string, kind: FileKind, folder: string, name: string, extension: RegExp): Promise<string> {
  const file = join(root, folder, name);
  const decoded = decodeSource(file, readFileSync(file));
  const options = { today: TEST_TODAY, ...(kind === "config" ? {} : siblingConfig(file, extension)) };
  const diagnostics = decoded.ok ? await lintFile(decoded.source, kind, options) : [decoded.diagnostic];
  return FORMATTERS.compact(diagnostics, { cwd: join(root, folder), color: false, toolVersion: "test" });
}

describe.each(KINDS)("golden $folder fixtures", ({ folder, kind, extension }) => {
  const root = join(fixtures, folder);
  const ok = cases(root, "ok", extension);
  const err = cases(root, "err", extension);

  it.skipIf(ok.length === 0).each(ok)("ok/%s lints clean", async (name) => {
    expect(await lintFixture(root, kind, "ok", name, extension)).toBe("");
  });

  it.skipIf(err.length === 0).each(err)("err/%s gives exactly the findings in its .out file", async (name) => {
    const expectedFile = join(root, "err", name.replace(extension, ".out"));
    const actual = await lintFixture(root, kind, "err", name, extension);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(expectedFile, actual);
    expect(actual).not.toBe("");
    expect(actual).toBe(readFileSync(expectedFile, "utf8"));
  });
});
