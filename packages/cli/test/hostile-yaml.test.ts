import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli, type ProcessResult, runBundledCli } from "./bundled-cli.js";

// Hostile configs through the real CLI process, with its heap capped: an alias bomb that expanded
// would end it out of memory, nesting that overflowed the stack unguarded would crash it (exit 3
// or a signal), a run that hung would be killed by the timeout. Each gets one short finding, from
// lint, from generate (which lints the config first) and as lint --config; a file of millions of
// small nodes is refused before the yaml parser builds them (seconds and megabytes per 100,000).
const dir = mkdtempSync(join(tmpdir(), "smtpcfg-hostile-yaml-"));
const HEAP_MB = 128;
const MIB = 1024 * 1024;
let cli: BundledCli;

const billionLaughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
  .concat("bcdefghij".split("").map((name, i) => `${name}: &${name} [${Array(10).fill(`*${"abcdefghij"[i]}`).join(", ")}]`))
  .join("\n");

/** Each case: the file, and what its one finding says. */
const CASES: [string, string, () => string, RegExp][] = [
  [
    "an alias bomb (10^10 nodes once expanded)",
    "alias-bomb.smtpcfg.yaml",
    () => `version: 1\n${billionLaughs}\n`,
    /aliases expand to too many nodes/,
  ],
  [
    "10,000 levels of flow nesting",
    "flow-nesting.smtpcfg.yaml",
    () => `version: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
    /nesting is deeper than 256 levels/,
  ],
  [
    "10,000 levels of block lists",
    "block-nesting.smtpcfg.yaml",
    () => `version: 1\ntenants:\n${"- ".repeat(10_000)}x\n`,
    /nesting is too deep/,
  ],
];

beforeAll(() => {
  cli = buildBundledCli();
  for (const [, name, text] of CASES) writeFileSync(join(dir, name), text());
  writeFileSync(
    join(dir, "notificationSettings.xml"),
    '<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML"/>\n',
  );
});

const run = (argv: string[]): Promise<ProcessResult> =>
  runBundledCli(cli, argv, { cwd: dir, timeout: 30_000, nodeOptions: [`--max-old-space-size=${HEAP_MB}`] });

interface Finding {
  ruleId: string;
  message: string;
}

/** The run ended by itself, within the exit codes a bad input may give, and said little. */
function expectBounded(result: ProcessResult, code: number): void {
  expect(result.signal, `killed: it hung or ran away\n${result.stderr.slice(0, 2000)}`).toBeNull();
  expect(result.code, result.stderr.slice(0, 2000)).toBe(code);
  expect(result.stdout.length + result.stderr.length).toBeLessThan(2_000);
}

describe("hostile YAML through the CLI: one short finding, no crash, no hang", () => {
  it.each(CASES)("lint: %s", async (_what, name, _text, message) => {
    const result = await run(["lint", name, "--format", "json"]);
    expectBounded(result, 1);
    const findings = JSON.parse(result.stdout) as Finding[];
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(message);
  });

  it.each(CASES)("generate: %s is refused, nothing written", async (_what, name, _text, message) => {
    const result = await run(["generate", "--config", name, "--out", "out"]);
    expectBounded(result, 2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/nothing generated/);
  });

  it.each(CASES)("lint --config: %s is no usable configuration", async (_what, name, _text, message) => {
    const result = await run(["lint", "--config", name, "notificationSettings.xml"]);
    expectBounded(result, 2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("9 MiB of aliases, which the fast reader leaves to yaml: refused from their number, before yaml builds them", async () => {
    writeFileSync(join(dir, "many-aliases.smtpcfg.yaml"), `version: 1\nx: &x 1\ny: [${"*x, ".repeat((9 * MIB) / 4)}]\n`);
    const result = await run(["lint", "many-aliases.smtpcfg.yaml", "--format", "json"]);
    expectBounded(result, 1);
    const findings = JSON.parse(result.stdout) as Finding[];
    expect(findings.map((finding) => finding.message)).toEqual([
      "the file has more than 200,000 lines and list items, more than a configuration ever needs (a thousand tenants take some 40,000), so it is not parsed",
    ]);
  });

  it("10,000 repeated keys: one finding each, found in one pass (the search for each key's first use was cubic)", async () => {
    writeFileSync(join(dir, "repeated-keys.smtpcfg.yaml"), "version: 1\n".repeat(10_000));
    const result = await run(["lint", "repeated-keys.smtpcfg.yaml", "--format", "compact"]);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(9_999);
    expect(lines.at(-1)).toBe(
      'repeated-keys.smtpcfg.yaml:10000:1 error duplicate key "version" (first on line 1): YAML forbids repeating a key in a mapping, and tools that accept it keep only one of the values; keep one [yaml-syntax]',
    );
  });

  it("a 50 MB scalar: refused from the file's size, before it is read", async () => {
    const fd = openSync(join(dir, "huge.smtpcfg.yaml"), "w");
    writeSync(fd, "version: 1\nx: ");
    for (let written = 0; written < 50 * 1_000_000; written += MIB) writeSync(fd, "a".repeat(MIB));
    closeSync(fd);
    const result = await run(["lint", "huge.smtpcfg.yaml", "--format", "json"]);
    expectBounded(result, 1);
    const findings = JSON.parse(result.stdout) as Finding[];
    expect(findings.map((finding) => finding.message)).toEqual(["file is 48.0 MiB, over the 10 MiB limit for inputs; not read"]);
  });

  it("a 9 MiB scalar, just under that limit, as the tenant id: quoted shortened", async () => {
    writeFileSync(
      join(dir, "long-value.smtpcfg.yaml"),
      `version: 1\ntenants:\n  - name: contoso\n    tenantId: ${"a".repeat(9 * MIB)}\n    cloud: global\n`,
    );
    const result = await run(["lint", "long-value.smtpcfg.yaml", "--format", "json"]);
    expectBounded(result, 1);
    const findings = JSON.parse(result.stdout) as Finding[];
    expect(findings.map((finding) => finding.message)).toContainEqual(
      expect.stringMatching(/^tenants\[0\]\.tenantId "a{1,200}…" is neither/),
    );
  });
});
