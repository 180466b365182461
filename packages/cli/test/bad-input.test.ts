import { execFileSync } from "node:child_process";
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "smtpcfg-bad-"));
const file = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(dir, name), content);
  return name;
};

async function lintOne(name: string) {
  const result = await runCli(["lint", name, "--format", "json"], { cwd: dir });
  return { ...result, findings: JSON.parse(result.stdout) as { ruleId: string; message: string; range: { start: { line: number } } }[] };
}

const billionLaughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
  .concat("bcdefghi".split("").map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(", ")}]`))
  .join("\n");

describe("bad input gives one clear diagnostic, never a crash", () => {
  it.each([
    ["an empty file", "empty.smtpcfg.yaml", "", /the document is empty/],
    ["only white space and comments", "blank.yaml", "\n   \n", /the document is empty/],
    [
      "plain prose (not a configuration)",
      "prose.yaml",
      "This is a note about our mail setup.\n",
      /the document "This is a note.*" is a string, expected a mapping/,
    ],
    ["a YAML list", "list.yaml", "- a\n- b\n", /the document is a list, expected a mapping/],
    ["malformed YAML", "broken.yaml", "version: 1\ntenants: [\n", /yaml|flow|collection|end/i],
    ["a binary file", "binary.yaml", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /binary/],
    ["invalid UTF-8", "latin1.yaml", new Uint8Array([0x76, 0x65, 0x72, 0xe9, 0x3a, 0x20, 0x31]), /not valid UTF-8/],
    ["a billion-laughs alias bomb", "bomb.yaml", billionLaughs, /aliases expand to too many nodes/],
    [
      "10,000 levels of flow nesting",
      "deep.yaml",
      `version: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
      /nesting is (too deep|deeper than 256 levels)/,
    ],
    [
      "10,000 levels of flow mappings",
      "deep-map.yaml",
      `a: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`,
      /nesting is (too deep|deeper than 256 levels)/,
    ],
    [
      "3,000 levels of block nesting",
      "deep-block.yaml",
      Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}k:`).join("\n"),
      /nesting is too deep/,
    ],
  ])("%s", async (_what, name, content, message) => {
    const { code, stderr, findings } = await lintOne(file(name, content));
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(message);
  });

  it("a file over 10 MB is refused from its size, before it is read", async () => {
    const name = "huge.yaml";
    const fd = openSync(join(dir, name), "w");
    writeSync(fd, "version: 1\n");
    closeSync(fd);
    // A sparse 11 MiB file: reading it would cost memory, the size check costs nothing.
    const { truncateSync } = await import("node:fs");
    truncateSync(join(dir, name), 11 * 1024 * 1024);
    const { code, findings } = await lintOne(name);
    expect(code).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe("file is 11.0 MiB, over the 10 MiB limit for inputs; not read");
  });

  it("a file found in a folder is read whole, however much larger than the read buffer it is", async () => {
    const folder = mkdtempSync(join(dir, "large-"));
    const xml = readFileSync(new URL("../../../examples/notificationSettings.xml", import.meta.url), "utf8");
    // A comment of 300 KB after the root element, then a finding at the very end: read short, it would be missed.
    writeFileSync(join(folder, "large.xml"), `${xml}<!-- ${"x".repeat(300_000)} -->\n<!-- smtpcfg-disable-next-line -->\n`);
    const result = await runCli(["lint", folder, "--format", "json"], { cwd: folder });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { ruleId: string }[]).map((finding) => finding.ruleId)).toEqual(["unused-suppression"]);
  });

  it("a file over 10 MB found in a folder is refused from its size too", async () => {
    const folder = mkdtempSync(join(dir, "huge-"));
    writeFileSync(join(folder, "huge.smtpcfg.yaml"), "version: 1\n");
    truncateSync(join(folder, "huge.smtpcfg.yaml"), 11 * 1024 * 1024);
    const result = await runCli(["lint", folder, "--format", "json"], { cwd: folder });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { message: string }[]).map((finding) => finding.message)).toEqual([
      "file is 11.0 MiB, over the 10 MiB limit for inputs; not read",
    ]);
  });

  it("a named pipe is refused with one line and exit code 2, without waiting for a writer", async () => {
    const fifo = join(dir, "pipe.xml");
    execFileSync("mkfifo", [fifo]);
    const result = await runCli(["lint", "pipe.xml"], { cwd: dir });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `smtpcfg: cannot read ${fifo}: it is a named pipe (FIFO), not a file: reading it could wait forever for a writer\n`,
    });
  });

  it("generate --out below a file is one line and exit code 2, nothing written", async () => {
    copyFileSync(new URL("../../../examples/smtpcfg.yaml", import.meta.url), join(dir, "gen.smtpcfg.yaml"));
    writeFileSync(join(dir, "plain-file"), "keep\n");
    const result = await runCli(["generate", "--config", "gen.smtpcfg.yaml", "--out", "plain-file/out"], { cwd: dir });
    expect(result.code).toBe(2);
    // Named as every other file generate names: relative to the working directory.
    expect(result.stderr).toBe(
      "smtpcfg: plain-file/out/contoso/01-entra-app.ps1 cannot be written: a part of its path is a file, not a folder\n",
    );
    expect(readFileSync(join(dir, "plain-file"), "utf8")).toBe("keep\n");
  });

  it("a missing path is one line on stderr and exit code 2", async () => {
    const result = await runCli(["lint", "nope.yaml"], { cwd: dir });
    expect(result).toEqual({ code: 2, stdout: "", stderr: "smtpcfg: no such file or folder: nope.yaml\n" });
  });

  it("no smtpcfg.yaml in the folder and no paths is exit code 2 with a hint", async () => {
    const result = await runCli(["lint"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^smtpcfg: no smtpcfg\.yaml in .+; name the files or folders to lint/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
