import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATTERS } from "../src/format/index.js";
import { lintConfig } from "../src/lint/lint-config.js";
import { decodeSource } from "../src/source.js";
import { TEST_TODAY } from "./rule-tester.js";

// actionlint's golden files: every fixtures/config/err/<case>.yaml has <case>.out with the
// expected findings in the compact format; everything under ok/ lints clean.
// UPDATE_GOLDEN=1 rewrites the .out files: read every change before committing it.
const root = join(import.meta.dirname, "../../../fixtures/config");
const cases = (folder: string) =>
  readdirSync(join(root, folder))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();

function lintFixture(folder: string, name: string): string {
  const file = join(root, folder, name);
  const decoded = decodeSource(file, readFileSync(file));
  const diagnostics = decoded.ok ? lintConfig(decoded.source, { today: TEST_TODAY }) : [decoded.diagnostic];
  return FORMATTERS.compact(diagnostics, { cwd: join(root, folder), color: false, toolVersion: "test" });
}

describe("golden config fixtures", () => {
  it.each(cases("ok"))("ok/%s lints clean", (name) => {
    expect(lintFixture("ok", name)).toBe("");
  });

  it.each(cases("err"))("err/%s gives exactly the findings in its .out file", (name) => {
    const expectedFile = join(root, "err", name.replace(/\.ya?ml$/, ".out"));
    const actual = lintFixture("err", name);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(expectedFile, actual);
    expect(actual).not.toBe("");
    expect(actual).toBe(readFileSync(expectedFile, "utf8"));
  });
});
