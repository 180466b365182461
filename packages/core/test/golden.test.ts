import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATTERS } from "../src/format/index.js";
import { lintFile } from "../src/lint/lint-file.js";
import type { FileKind } from "../src/lint/rule.js";
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

async function lintFixture(root: string, kind: FileKind, folder: string, name: string): Promise<string> {
  const file = join(root, folder, name);
  const decoded = decodeSource(file, readFileSync(file));
  const diagnostics = decoded.ok ? await lintFile(decoded.source, kind, { today: TEST_TODAY }) : [decoded.diagnostic];
  return FORMATTERS.compact(diagnostics, { cwd: join(root, folder), color: false, toolVersion: "test" });
}

describe.each(KINDS)("golden $folder fixtures", ({ folder, kind, extension }) => {
  const root = join(fixtures, folder);
  const ok = cases(root, "ok", extension);
  const err = cases(root, "err", extension);

  it.skipIf(ok.length === 0).each(ok)("ok/%s lints clean", async (name) => {
    expect(await lintFixture(root, kind, "ok", name)).toBe("");
  });

  it.skipIf(err.length === 0).each(err)("err/%s gives exactly the findings in its .out file", async (name) => {
    const expectedFile = join(root, "err", name.replace(extension, ".out"));
    const actual = await lintFixture(root, kind, "err", name);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(expectedFile, actual);
    expect(actual).not.toBe("");
    expect(actual).toBe(readFileSync(expectedFile, "utf8"));
  });
});
