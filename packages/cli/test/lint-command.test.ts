import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/main.js";
import { runCli } from "./run-cli.js";
import { shellWords } from "./shell-words.js";

const repo = join(import.meta.dirname, "../../..");
const clean = (name: string, expires = "2099-01-31", extra = "") => `version: 1
tenants:
  - name: ${name}
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: smtp
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
        credential:
          clientSecret: { env: SECRET }
          expires: ${expires}
${extra}`;
const soon = new Date(Date.now() + 5 * 24 * 3600 * 1000).toISOString().slice(0, 10);

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-lint-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe("smtpcfg lint", () => {
  it("prints nothing and exits 0 on the clean example", async () => {
    expect(await runCli(["lint", "examples/smtpcfg.yaml"], { cwd: repo })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("finds nothing in the example notificationSettings XML and Exchange Online script, against the example config", async () => {
    const args = ["lint", "examples/notificationSettings.xml", "examples/exchange-online.ps1", "--config", "examples/smtpcfg.yaml"];
    expect(await runCli(args, { cwd: repo })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("finds the App vs Enterprise object id trap and more in the broken example script, against the example config", async () => {
    const args = ["lint", "examples/broken/exchange-online.ps1", "--config", "examples/smtpcfg.yaml", "-f", "compact"];
    const { code, stdout } = await runCli(args, { cwd: repo });
    expect(code).toBe(1);
    expect(stdout.match(/\[[a-z-]+\]$/gm)).toEqual([
      "[new-serviceprincipal-serviceid]",
      "[new-serviceprincipal-objectid]",
      "[smtp-auth-disabled]",
    ]);
    expect(stdout).toContain(
      "examples/broken/exchange-online.ps1:7:77 error -ServiceId 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f is the object id of the app registration",
    );
  });

  it("finds both defects of the Omada guide's sample XML, with their positions", async () => {
    const { code, stdout } = await runCli(["lint", "examples/broken/notificationSettings.xml", "-f", "compact"], { cwd: repo });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^examples\/broken\/notificationSettings\.xml:1:37 error .* \[xml-declaration\]$/m);
    expect(stdout).toMatch(/^examples\/broken\/notificationSettings\.xml:7:26 error .* \[attributes-as-text\]$/m);
  });

  it("lists every finding of the broken example with file:line:col and exits 1", async () => {
    const { code, stdout } = await runCli(["lint", "examples/broken/smtpcfg.yaml", "--format", "compact"], { cwd: repo });
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines).toContain(
      'examples/broken/smtpcfg.yaml:15:19 error tenants[0].apps[0].clientId "7A83471E-A8C7-4C06-8120-77B9AA56FA0" is not a GUID (expected 8-4-4-4-12 hex digits) [schema]',
    );
    for (const id of [
      "tenant-id-format",
      "cloud-consistency",
      "object-id-confusion",
      "inline-secret",
      "secret-id-as-secret",
      "secret-expiry",
      "unknown-reference",
      "duplicate-name",
    ]) {
      expect(stdout).toContain(`[${id}]`);
    }
  });

  it("lints ./smtpcfg.yaml when no path is given", async () => {
    const dir = workspace({ "smtpcfg.yaml": clean("x").replace("tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c", "tenantId: common") });
    const { code, stdout } = await runCli(["lint", "-f", "compact"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^smtpcfg\.yaml:4:15 error tenants\[0\]\.tenantId "common" is a multi-tenant alias/);
  });

  it("counts columns in UTF-16 code units in every format: a tab is one, an emoji two", async () => {
    // A tab, an é and an emoji before the tenant id: 😀 is two code units (a surrogate pair).
    const dir = workspace({ "smtpcfg.yaml": clean("x").replace("tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c", 'tenantId:\t"é😀"') });
    const start = "    tenantId:\t".length + 1;
    const end = start + '"é😀"'.length;
    expect(end - start).toBe(5);
    const positions = async (format: string) => (await runCli(["lint", "-f", format], { cwd: dir })).stdout;
    expect(await positions("compact")).toMatch(new RegExp(`^smtpcfg\\.yaml:4:${start} error .*\\[tenant-id-format\\]$`, "m"));
    expect(await positions("stylish")).toMatch(new RegExp(`^  4:${start}  error .* tenant-id-format$`, "m"));
    expect(await positions("github")).toMatch(
      new RegExp(`^::error file=smtpcfg\\.yaml,line=4,col=${start},endLine=4,endColumn=${end},`, "m"),
    );
    const [finding] = JSON.parse(await positions("json")) as { range: unknown }[];
    expect(finding?.range).toEqual({ start: { line: 4, column: start }, end: { line: 4, column: end } });
    const sarif = JSON.parse(await positions("sarif")) as {
      runs: { results: { locations: { physicalLocation: { region: unknown } }[] }[] }[];
    };
    expect(sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 4,
      startColumn: start,
      endLine: 4,
      endColumn: end,
    });
  });

  it("walks folders for smtpcfg.yaml and *.smtpcfg.yaml, skipping node_modules and other YAML", async () => {
    const broken = "version: 2\ntenants: []\n";
    const dir = workspace({
      "a/smtpcfg.yaml": broken,
      "b/prod.smtpcfg.yml": broken,
      "c/workflow.yaml": broken,
      "node_modules/pkg/smtpcfg.yaml": broken,
    });
    const { stdout } = await runCli(["lint", ".", "-f", "compact"], { cwd: dir });
    const files = [
      ...new Set(
        stdout
          .trim()
          .split("\n")
          .map((line) => line.split(":")[0]),
      ),
    ];
    expect(files).toEqual(["a/smtpcfg.yaml", "b/prod.smtpcfg.yml"]);
  });

  it("finds a config in a folder whose name has a line break, and with --skip-unrecognized lints it when named", async () => {
    const dir = workspace({ "configs/prod\n2.smtpcfg.yaml": "version: 2\ntenants: []\n" });
    for (const argv of [
      ["lint", "configs"],
      ["lint", "--skip-unrecognized", "configs/prod\n2.smtpcfg.yaml"],
    ]) {
      const { code, stdout } = await runCli([...argv, "-f", "json"], { cwd: dir });
      expect(code).toBe(1);
      expect(new Set((JSON.parse(stdout) as { file: string }[]).map((d) => d.file))).toEqual(new Set(["configs/prod\n2.smtpcfg.yaml"]));
    }
  });

  it("says so, with exit code 2, when a folder holds no config", async () => {
    const dir = workspace({ "notes/readme.txt": "nothing to lint" });
    expect(await runCli(["lint", "notes"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "smtpcfg: no smtpcfg.yaml, *.smtpcfg.yaml, notificationSettings XML or .ps1 script in notes; name the files to lint\n",
    });
  });

  it("applies the file's own lint.rules severities", async () => {
    const dir = workspace({ "smtpcfg.yaml": clean("x", "2020-01-01", "lint:\n  rules:\n    secret-expiry: warn\n") });
    const { code, stdout } = await runCli(["lint", "-f", "compact"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^smtpcfg\.yaml:10:20 warning .* \[secret-expiry\]$/m);
  });

  it("applies --config's lint settings to every file", async () => {
    const dir = workspace({
      "settings.yaml": clean("settings", "2099-01-01", "lint:\n  rules:\n    secret-expiry: 'off'\n"),
      "other.smtpcfg.yaml": clean("other", "2020-01-01"),
    });
    expect((await runCli(["lint", "other.smtpcfg.yaml"], { cwd: dir })).code).toBe(1);
    expect(await runCli(["lint", "other.smtpcfg.yaml", "--config", "settings.yaml"], { cwd: dir })).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
  });

  it("refuses an invalid --config with exit code 2", async () => {
    const dir = workspace({ "bad.yaml": "version: 2\n", "smtpcfg.yaml": clean("x") });
    const result = await runCli(["lint", "--config", "bad.yaml"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^smtpcfg: --config bad\.yaml is not a usable configuration \(1:10 .+\); run: smtpcfg lint bad\.yaml\n$/);
  });

  it("quotes the path in the command it asks to run for an invalid --config, so that it runs as copied", async () => {
    const dir = workspace({ "my policies/it's bad.yaml": "version: 2\n", "smtpcfg.yaml": clean("x") });
    const { code, stderr } = await runCli(["lint", "--config", "my policies/it's bad.yaml"], { cwd: dir });
    expect(code).toBe(2);
    const command = /; run: smtpcfg (.+)\n$/.exec(stderr)?.[1] ?? "";
    expect(shellWords(command)).toEqual(["lint", "my policies/it's bad.yaml"]);
  });

  it("says that a --config that is an XML file or a script is none, rather than to lint it", async () => {
    const dir = workspace({
      "notificationSettings.xml": "<notificationSettings/>\n",
      "setup.ps1": "Get-Mailbox\n",
      "smtpcfg.yaml": clean("x"),
    });
    expect(await runCli(["lint", "--config", "notificationSettings.xml"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr:
        "smtpcfg: --config notificationSettings.xml is an XML file, not a smtpcfg config: --config takes a smtpcfg.yaml (or a file of its lint block)\n",
    });
    expect((await runCli(["lint", "--config", "setup.ps1"], { cwd: dir })).stderr).toContain(
      "is a PowerShell script, not a smtpcfg config",
    );
  });

  it("takes a --config that holds only a lint block", async () => {
    const dir = workspace({ "rules.yaml": "lint:\n  rules:\n    secret-expiry: warn\n", "smtpcfg.yaml": clean("x", "2020-01-01") });
    const { code, stdout } = await runCli(["lint", "--config", "rules.yaml", "-f", "compact"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^smtpcfg\.yaml:10:20 warning .* \[secret-expiry\]$/m);
  });

  it("counts warnings against --max-warnings, and --quiet drops them", async () => {
    const dir = workspace({ "smtpcfg.yaml": clean("x", soon) });
    const plain = await runCli(["lint", "-f", "compact"], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/warning .*expires in [45] days/);
    const strict = await runCli(["lint", "--max-warnings", "0"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe("smtpcfg: 1 warning, more than --max-warnings 0\n");
    expect(await runCli(["lint", "--quiet", "--max-warnings", "0"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("colours stylish output on a terminal, never with NO_COLOR", async () => {
    const args = ["lint", "examples/broken/smtpcfg.yaml"];
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the escape character itself
    const ansi = /\u001b\[/;
    expect((await runCli(args, { cwd: repo, tty: true })).stdout).toMatch(ansi);
    expect((await runCli(args, { cwd: repo, tty: true, env: { NO_COLOR: "1" } })).stdout).not.toMatch(ansi);
    expect((await runCli(args, { cwd: repo, tty: false })).stdout).not.toMatch(ansi);
  });

  it("colours the findings --fix-dry-run writes to stderr by whether stderr is a terminal, not stdout", async () => {
    const args = ["lint", "examples/broken/smtpcfg.yaml", "--fix-dry-run"];
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the escape character itself
    const ansi = /\u001b\[/;
    const toFile = await runCli(args, { cwd: repo, tty: true, stderrTty: false });
    expect(toFile.stderr).toContain("✖ 13 problems");
    expect(toFile.stderr).not.toMatch(ansi);
    expect((await runCli(args, { cwd: repo, tty: false, stderrTty: true })).stderr).toMatch(ansi);
  });

  it("rejects unknown options and formats with exit code 2, in one line that points to the command's help", async () => {
    expect(await runCli(["lint", "--frmat", "json"], { cwd: repo })).toMatchObject({
      code: 2,
      stderr: "smtpcfg: Unknown argument: frmat (smtpcfg lint --help)\n",
    });
    // Each once, as typed: not also as the camelCase key yargs reads it under.
    expect(await runCli(["lint", "--max-warning", "0", "--fix-dryrun"], { cwd: repo })).toMatchObject({
      code: 2,
      stderr: "smtpcfg: Unknown arguments: max-warning, fix-dryrun (smtpcfg lint --help)\n",
    });
    expect((await runCli(["verify", "--send-to", "me@contoso.com"], { cwd: repo })).stderr).toBe(
      "smtpcfg: Unknown argument: send-to (smtpcfg verify --help)\n",
    );
    // yargs says this one over two lines: joined into one.
    expect(await runCli(["lint", "--format", "xml"], { cwd: repo })).toMatchObject({
      code: 2,
      stderr:
        'smtpcfg: Invalid values: Argument: format, Given: "xml", Choices: "stylish", "compact", "json", "sarif", "github" (smtpcfg lint --help)\n',
    });
  });

  it("quotes a --max-warnings that is a number, and does not call one that is none NaN", async () => {
    expect(await runCli(["lint", "--max-warnings", "-1"], { cwd: repo })).toMatchObject({
      code: 2,
      stderr: "smtpcfg: --max-warnings takes a whole number of 0 or more, not -1 (smtpcfg lint --help)\n",
    });
    expect(await runCli(["lint", "--max-warnings", "abc"], { cwd: repo })).toMatchObject({
      code: 2,
      stderr: "smtpcfg: --max-warnings takes a whole number of 0 or more (smtpcfg lint --help)\n",
    });
  });

  // `--config $CONFIG` with the variable empty: yargs took the default (or nothing), and the run passed on what it was not asked to lint.
  it.each([
    [["lint", "examples/broken/smtpcfg.yaml", "--config"], "--config", "lint"],
    [["lint", "--config", "--quiet", "examples/broken/smtpcfg.yaml"], "--config", "lint"],
    [["lint", "examples/broken/smtpcfg.yaml", "--max-warnings"], "--max-warnings", "lint"],
    [["lint", "-f"], "--format", "lint"],
    [["verify", "--tenant"], "--tenant", "verify"],
    [["verify", "-m", "--send"], "--mailbox", "verify"],
    [["import", "fixtures/xml/ok/cloud-china.xml", "--tenant-name"], "--tenant-name", "import"],
    [["emulate", "--outbox"], "--outbox", "emulate"],
    [["emulate", "--connection-file", "--fault", "latency:1"], "--connection-file", "emulate"],
    [["emulate", "-c"], "--config", "emulate"],
    // An empty value, from a variable that is empty: --x= and --x "" alike.
    [["lint", "examples/broken/smtpcfg.yaml", "--config="], "--config", "lint"],
    [["lint", "examples/broken/smtpcfg.yaml", "--max-warnings="], "--max-warnings", "lint"],
    [["lint", "examples/broken/smtpcfg.yaml", "--max-warnings", ""], "--max-warnings", "lint"],
    [["lint", "examples/broken/smtpcfg.yaml", "--max-warnings", " "], "--max-warnings", "lint"],
    [["verify", "--concurrency", ""], "--concurrency", "verify"],
    [["verify", "--config", ""], "--config", "verify"],
    [["verify", "-t", " "], "--tenant", "verify"],
    [["emulate", "--outbox="], "--outbox", "emulate"],
  ])("calls %j, an option given no value, a usage error (exit 2, one line)", async (argv, option, command) => {
    expect(await runCli(argv, { cwd: repo })).toMatchObject({
      code: 2,
      stdout: "",
      stderr: `smtpcfg: ${option} needs a value (smtpcfg ${command} --help)\n`,
    });
  });

  it("lints the paths after --, one that starts with - too, rather than ./smtpcfg.yaml in their place", async () => {
    const dir = workspace({ "-draft.smtpcfg.yaml": clean("Draft"), "smtpcfg.yaml": clean("x") });
    const { code, stdout } = await runCli(["lint", "-f", "compact", "--", "-draft.smtpcfg.yaml"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^-draft\.smtpcfg\.yaml:3:11 error tenants\[0\]\.name "Draft" .* \[schema\]$/m);
    expect(stdout).not.toMatch(/^smtpcfg\.yaml/m);
    expect(await runCli(["lint", "smtpcfg.yaml", "--", "missing.yaml"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "smtpcfg: no such file or folder: missing.yaml\n",
    });
    expect((await runCli(["explain", "--", "AADSTS7000215"], { cwd: dir })).stdout).toMatch(/^invalid-client-secret: /);
  });

  it("refuses words after -- where a command takes none, rather than leaving them out", async () => {
    expect(await runCli(["verify", "--", "--endpoints", "emulator.json"], { cwd: repo })).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'smtpcfg: the words after -- ("--endpoints" and "emulator.json") are not read by smtpcfg verify: options go before -- (smtpcfg verify --help)\n',
    });
    expect((await runCli(["import", "examples/notificationSettings.xml", "--", "more.xml"], { cwd: repo })).code).toBe(2);
  });

  it.each([
    [["lint", "examples/broken/smtpcfg.yaml", "--quiet=yes"], "--quiet", "yes", "lint"],
    [["lint", "examples/broken/notificationSettings.xml", "--fix=1"], "--fix", "1", "lint"],
    [["lint", "examples/broken/smtpcfg.yaml", "-q=TRUE"], "--quiet", "TRUE", "lint"],
    [["verify", "--send=on", "--to", "me@contoso.com"], "--send", "on", "verify"],
  ])("refuses %j, a flag given a value yargs would read as false (exit 2)", async (argv, option, value, command) => {
    expect(await runCli(argv, { cwd: repo })).toEqual({
      code: 2,
      stdout: "",
      stderr: `smtpcfg: ${option} takes no value, not "${value}": give ${option} alone, or ${option}=false (smtpcfg ${command} --help)\n`,
    });
  });

  it("takes a flag given as true or false", async () => {
    const compact = async (...argv: string[]) =>
      (await runCli(["lint", "examples/broken/notificationSettings.xml", "-f", "compact", ...argv], { cwd: repo })).stdout;
    expect(await compact("--quiet=false")).toMatch(/ warning /);
    expect(await compact("--quiet=true")).not.toMatch(/ warning /);
  });

  it("refuses - (standard input) rather than linting ./smtpcfg.yaml in its place", async () => {
    expect(await runCli(["lint", "-"], { cwd: join(repo, "examples") })).toMatchObject({
      code: 2,
      stdout: "",
      stderr: 'smtpcfg: "-" (standard input) is not read by smtpcfg: name the file instead (smtpcfg lint --help)\n',
    });
  });

  it("names an unknown command as one, with the command meant or the list", async () => {
    expect(await runCli(["lnt", "examples/smtpcfg.yaml"], { cwd: repo })).toMatchObject({
      code: 2,
      stderr: 'smtpcfg: unknown command "lnt"; did you mean "lint"? (smtpcfg --help)\n',
    });
    // After a global option too, and a usage error then points to the help of the command given.
    expect((await runCli(["--verbose", "lnt"], { cwd: repo })).stderr).toBe(
      'smtpcfg: unknown command "lnt"; did you mean "lint"? (smtpcfg --help)\n',
    );
    expect((await runCli(["--verbose", "lint", "--bogus"], { cwd: repo })).stderr).toBe(
      "smtpcfg: Unknown argument: bogus (smtpcfg lint --help)\n",
    );
    // Options with a value may come before the command as well: yargs finds it.
    expect((await runCli(["--format", "json", "lint", "examples/smtpcfg.yaml"], { cwd: repo })).code).toBe(0);
    expect(await runCli(["bogus"], { cwd: repo })).toMatchObject({
      code: 2,
      stderr: 'smtpcfg: unknown command "bogus"; the commands are lint, generate, import, explain, emulate or verify (smtpcfg --help)\n',
    });
  });

  it("answers an internal failure with exit code 3 and a report hint, the stack only with --verbose", async () => {
    const { main } = await import("../src/main.js");
    let stderr = "";
    const failingIo = () => ({
      cwd: repo,
      env: {},
      stdout: {
        write: () => {
          throw new Error("disk on fire");
        },
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
        },
      },
    });
    expect(await main(["lint", "examples/broken/smtpcfg.yaml"], failingIo())).toBe(3);
    expect(stderr).toMatch(/^smtpcfg: internal error: disk on fire \(run with --verbose for details\)\nPlease report it at .+\/issues/);
    stderr = "";
    expect(await main(["lint", "examples/broken/smtpcfg.yaml", "--verbose"], failingIo())).toBe(3);
    expect(stderr).toMatch(/disk on fire\n\s+at /);
  });
});

describe("smtpcfg --help and --version", () => {
  it("prints the version of the package", async () => {
    const { version } = await import("../package.json", { with: { type: "json" } }).then((m) => m.default);
    expect(await runCli(["--version"], { cwd: repo })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("shows an example for every command", async () => {
    const top = await runCli(["--help"], { cwd: repo });
    expect(top.code).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}smtpcfg (\w+)/gm)].map((m) => m[1]);
    expect(commands).toContain("lint");
    for (const command of commands) {
      const help = await runCli([command as string, "--help"], { cwd: repo });
      expect(help.stdout).toMatch(new RegExp(`Examples:\\n\\s+smtpcfg ${command}`));
    }
  });

  it("knows every command the help lists, and no other, as a command", async () => {
    const { stdout } = await runCli(["--help"], { cwd: repo });
    const listed = [...stdout.matchAll(/^ {2}smtpcfg ([a-z]+)\b/gm)].map((match) => match[1]);
    expect(new Set(listed)).toEqual(new Set(COMMANDS));
  });

  it.each(COMMANDS)("%s --help ends with the command's exit codes", async (command) => {
    const help = await runCli([command, "--help"], { cwd: repo });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^smtpcfg ${command}\\b`));
    expect(help.stdout).toMatch(/\nExit codes: 0 [^\n]*(?:\n[^\n]+)*\n*$/);
  });

  it("gives ./smtpcfg.yaml as what lint reads when no path is given, not an empty list", async () => {
    const { stdout } = await runCli(["lint", "--help"], { cwd: repo });
    const paths = /^ {2}paths\b[\s\S]*?(?=\n\n)/m.exec(stdout)?.[0] ?? "";
    expect(paths).toContain("[default: ./smtpcfg.yaml]");
    expect(paths).not.toContain("[default: []]");
  });

  it("asks for a command when none is given", async () => {
    const result = await runCli([], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("smtpcfg: name a command: lint, generate, import, explain, emulate or verify (smtpcfg --help)\n");
  });
});
