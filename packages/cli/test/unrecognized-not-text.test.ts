import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const repo = join(import.meta.dirname, "../../..");
const CONFIG = `# café\n${readFileSync(join(repo, "fixtures/config/ok/minimal.yaml"), "utf8")}`;
const POM = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<project><name>café</name></project>\n';
const VALUES = "# café\nreplicaCount: 1\n";
const SETTINGS = `<?xml version="1.0" encoding="ISO-8859-1"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML"><!-- café --></notificationSettings>
`;

/** Each way a file's bytes can fail to be text smtpcfg reads: how to write a text so. */
const NOT_TEXT: [string, (path: string, text: string) => void][] = [
  ["in ISO-8859-1", (path, text) => writeFileSync(path, Buffer.from(text, "latin1"))],
  ["in UTF-16LE without a byte order mark", (path, text) => writeFileSync(path, Buffer.from(text, "utf16le"))],
  ["in UTF-16BE without a byte order mark", (path, text) => writeFileSync(path, Buffer.from(text, "utf16le").swap16())],
  ["with NUL bytes after the text", (path, text) => writeFileSync(path, `${text}\0\0\0`)],
  [
    "over 10 MiB",
    (path, text) => {
      writeFileSync(path, text);
      // Sparse: the size is what counts.
      truncateSync(path, 11 * 1024 * 1024);
    },
  ],
];

function folderWith(files: Record<string, [string, (path: string, text: string) => void] | string>): string {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-not-text-"));
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === "string") writeFileSync(join(dir, name), content);
    else content[1](join(dir, name), content[0]);
  }
  return dir;
}

async function findings(argv: string[], cwd: string): Promise<{ code: number; found: string[] }> {
  const result = await runCli([...argv, "--format", "json"], { cwd });
  const found = (JSON.parse(result.stdout) as { ruleId: string; file: string }[]).map((d) => `${d.file} ${d.ruleId}`);
  return { code: result.code, found };
}

describe("files that are not text, where only the files smtpcfg lints are linted (a folder, --skip-unrecognized)", () => {
  it.each(NOT_TEXT)("other XML and YAML %s are passed over without a word", async (_, write) => {
    const dir = folderWith({ "pom.xml": [POM, write], "values.yaml": [VALUES, write], "smtpcfg.yaml": CONFIG });
    const silent = { code: 0, stdout: "", stderr: "" };
    expect(await runCli(["lint", "."], { cwd: dir })).toEqual(silent);
    expect(await runCli(["lint", "pom.xml", "values.yaml", "--skip-unrecognized"], { cwd: dir })).toEqual(silent);
    // Named without --skip-unrecognized, a file is linted whatever it is.
    expect(await findings(["lint", "pom.xml"], dir)).toEqual({ code: 1, found: ["pom.xml input"] });
  });

  it.each(NOT_TEXT)("a notificationSettings file or a config %s still gets its input finding", async (_, write) => {
    const dir = folderWith({ "omada.xml": [SETTINGS, write], "smtpcfg.yaml": [CONFIG, write] });
    const expected = { code: 1, found: ["omada.xml input", "smtpcfg.yaml input"] };
    expect(await findings(["lint", "."], dir)).toEqual(expected);
    expect(await findings(["lint", "omada.xml", "smtpcfg.yaml", "--skip-unrecognized"], dir)).toEqual(expected);
  });
});
