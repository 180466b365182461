import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli, type ProcessResult, runBundledCli } from "./bundled-cli.js";

// Hostile notificationSettings files through the real CLI process: entity bombs must not expand,
// external entities must not be read or fetched. The "file" they point at is a FIFO with no
// writer, so any reader blocks and its run is killed by the timeout (code null); the URLs point
// at a socket of this test that counts connections; the heap is capped, so expanding a bomb
// ends the process instead of slowing it down.
const repo = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "smtpcfg-hostile-xml-"));
const fifo = join(mkdtempSync(join(tmpdir(), "smtpcfg-sentinel-")), "secret.fifo");
const HEAP_MB = 64;

const remotePorts: number[] = [];
const server = createServer((socket) => {
  remotePorts.push(socket.remotePort as number);
  socket.destroy();
});
let port = 0;
let cli: BundledCli;

/**
 * The client ports of the connections the server accepted before now (call it once). A probe connects and is waited for: the server
 * accepts in order, so anything a finished run connected is counted before the probe.
 */
async function connectionsSoFar(): Promise<number[]> {
  const probe = connect(port, "127.0.0.1");
  await once(probe, "connect");
  const probePort = probe.localPort as number;
  while (!remotePorts.includes(probePort)) await once(server, "connection");
  probe.destroy();
  return remotePorts.slice(0, remotePorts.indexOf(probePort));
}

const SETTINGS = readFileSync(join(repo, "examples/notificationSettings.xml"), "utf8");
/** The example settings with a DOCTYPE after the declaration and `use` as text at the end of the root. */
function hostile(doctype: string, use = ""): string {
  const declarationEnd = SETTINGS.indexOf("?>") + 2;
  const withDoctype = `${SETTINGS.slice(0, declarationEnd)}\n${doctype}${SETTINGS.slice(declarationEnd)}`;
  return withDoctype.replace("</notificationSettings>", `${use}</notificationSettings>`);
}

const laughs = ['<!ENTITY lol0 "lol">']
  .concat(Array.from({ length: 10 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`))
  .join("\n  ");
const FILES: Record<string, () => string> = {
  // 10^10 copies of "lol" once expanded.
  "billion-laughs.xml": () => hostile(`<!DOCTYPE notificationSettings [\n  ${laughs}\n]>`, "&lol10;"),
  // One 100,000-character entity referenced 20,000 times: 2 GB once expanded.
  "quadratic-blowup.xml": () => hostile(`<!DOCTYPE notificationSettings [<!ENTITY a "${"a".repeat(100_000)}">]>`, "&a;".repeat(20_000)),
  "external-file.xml": () =>
    hostile(
      `<!DOCTYPE notificationSettings SYSTEM "file://${fifo}" [\n  <!ENTITY % dtd SYSTEM "file://${fifo}">\n  %dtd;\n  <!ENTITY xxe SYSTEM "file://${fifo}">\n]>`,
      "&xxe;",
    ),
  "external-http.xml": () =>
    hostile(
      `<!DOCTYPE notificationSettings PUBLIC "-//Evil//DTD//EN" "http://127.0.0.1:${port}/doctype.dtd" [\n  <!ENTITY % dtd SYSTEM "http://127.0.0.1:${port}/parameter.dtd">\n  %dtd;\n  <!ENTITY xxe SYSTEM "http://127.0.0.1:${port}/entity">\n]>`,
      "&xxe;",
    ),
  // Nothing it declares is used: --fix removes it.
  "unused-entities.xml": () =>
    hostile(`<!DOCTYPE notificationSettings SYSTEM "http://127.0.0.1:${port}/doctype.dtd" [\n  <!ENTITY xxe SYSTEM "file://${fifo}">\n]>`),
};
const NAMES = Object.keys(FILES);

beforeAll(async () => {
  cli = buildBundledCli();
  execFileSync("mkfifo", [fifo]);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as { port: number }).port;
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text());
  copyFileSync(join(repo, "examples/smtpcfg.yaml"), join(dir, "smtpcfg.yaml"));
});

afterAll(() => {
  server.close();
});

/** One run with the heap capped: an expanded entity bomb would end it with an out-of-memory crash, not exit code 0, 1 or 2. */
const run = (argv: string[]): Promise<ProcessResult> =>
  runBundledCli(cli, argv, { cwd: dir, timeout: 20_000, nodeOptions: [`--max-old-space-size=${HEAP_MB}`] });

interface Finding {
  ruleId: string;
  file: string;
  message: string;
}

/** What must hold for every run on these files: it ended by itself, and its output holds nothing an entity stands for. */
function expectContained(result: ProcessResult): void {
  expect(result.signal, `killed: it blocked (on the FIFO?) or ran away\n${result.stderr}`).toBeNull();
  for (const output of [result.stdout, result.stderr]) {
    expect(output).not.toContain("lollollol");
    expect(output).not.toContain("a".repeat(200));
    expect(output.length).toBeLessThan(10_000 * NAMES.length);
  }
}

/** The rule ids found in each file, by file name. */
function rulesByFile(stdout: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const finding of JSON.parse(stdout) as Finding[]) found[finding.file] = [...(found[finding.file] ?? []), finding.ruleId];
  return found;
}

describe("hostile DOCTYPEs through the CLI: nothing expanded, read or fetched", () => {
  it("lint: one xml-doctype finding per file, and nothing else", async () => {
    const result = await run(["lint", ...NAMES, "--format", "json"]);
    expectContained(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    expect(rulesByFile(result.stdout)).toEqual(Object.fromEntries(NAMES.map((name) => [name, ["xml-doctype"]])));
  });

  it("lint --config smtpcfg.yaml: the files are compared with the config (config-drift), the DOCTYPE still found", async () => {
    const result = await run(["lint", "--config", "smtpcfg.yaml", ...NAMES, "--format", "json"]);
    expectContained(result);
    expect(result.code).toBe(1);
    const found = rulesByFile(result.stdout);
    for (const name of NAMES) expect(found[name]?.filter((id) => id === "xml-doctype")).toEqual(["xml-doctype"]);
  });

  it("lint --fix removes the DOCTYPE only where nothing uses its entities, and leaves the other files as they were", async () => {
    const copies = NAMES.map((name) => `fixed-${name}`);
    for (const [index, name] of NAMES.entries()) copyFileSync(join(dir, name), join(dir, copies[index] as string));
    const result = await run(["lint", ...copies, "--fix", "--format", "json"]);
    expectContained(result);
    expect(result.code).toBe(1);
    expect(rulesByFile(result.stdout)).toEqual(
      Object.fromEntries(copies.filter((copy) => copy !== "fixed-unused-entities.xml").map((copy) => [copy, ["xml-doctype"]])),
    );
    NAMES.forEach((name, index) => {
      const fixed = readFileSync(join(dir, copies[index] as string), "utf8");
      expect(fixed).toBe(name === "unused-entities.xml" ? SETTINGS : readFileSync(join(dir, name), "utf8"));
    });
  });

  it.each(NAMES)("import %s is refused with one line, exit code 2", async (name) => {
    const result = await run(["import", name]);
    expectContained(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^smtpcfg: .+ the file has a <!DOCTYPE>, .+ so it cannot be imported\. .+\n$/);
  });

  it("100,000 levels of nested elements: one finding, and done (namespaces were looked up through every ancestor)", async () => {
    const depth = 100_000;
    writeFileSync(join(dir, "deep.xml"), SETTINGS.replace("</smtp>", `</smtp>${"<a>".repeat(depth)}${"</a>".repeat(depth)}`));
    const result = await run(["lint", "deep.xml", "--format", "json"]);
    expectContained(result);
    expect(result.code).toBe(0);
    expect(rulesByFile(result.stdout)).toEqual({ "deep.xml": ["unknown-element"] });
  });

  it("no run connected to the URLs the files name", async () => {
    expect(await connectionsSoFar()).toEqual([]);
  });
});
