import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type EmulateArguments, emulateCommand } from "../src/commands/emulate.js";
import type { Io } from "../src/io.js";
import { runCli } from "./run-cli.js";

const repo = join(import.meta.dirname, "../../..");
const CONFIG = readFileSync(join(repo, "examples/smtpcfg.yaml"), "utf8");

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folderWithConfig(text = CONFIG): string {
  const folder = mkdtempSync(join(tmpdir(), "smtpcfg-emulate-"));
  folders.push(folder);
  writeFileSync(join(folder, "smtpcfg.yaml"), text);
  return folder;
}

const ARGS: EmulateArguments = {
  config: "smtpcfg.yaml",
  entraPort: undefined,
  smtpPort: undefined,
  fault: undefined,
  outbox: undefined,
  connectionFile: "smtpcfg-emulator.json",
};

/** Runs emulate in `cwd` in this process; `started` resolves once it serves, `stop` ends it as a signal would. */
function emulate(cwd: string, args: Partial<EmulateArguments> = {}) {
  const output = { stdout: "", stderr: "", signalsAwaited: 0 };
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const io: Io = {
    cwd,
    env: { CONTOSO_SMTP_SECRET: "the-secret-value" },
    stdout: {
      write: (text) => {
        output.stdout += text;
        if (output.stdout.includes("Ctrl+C stops it.")) ready();
      },
    },
    stderr: {
      write: (text) => {
        output.stderr += text;
      },
    },
  };
  const exit = emulateCommand({ ...ARGS, ...args }, io, () => {
    output.signalsAwaited++;
    return { first: stopped, release: () => {} };
  });
  return { output, started, stop, exit };
}

describe("smtpcfg emulate", () => {
  it("writes the connection file, serves until stopped, then removes what it created", async () => {
    const cwd = folderWithConfig();
    const run = emulate(cwd, { fault: ["latency:1"] });
    await run.started;
    const connection = JSON.parse(readFileSync(join(cwd, "smtpcfg-emulator.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(connection)).toEqual(["authority", "scope", "smtpHost", "smtpPort", "caFile", "emulatorPid"]);
    expect(connection.emulatorPid).toBe(process.pid);
    expect(connection.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(connection.scope).toBe("https://outlook.office365.com/.default");
    expect(readFileSync(connection.caFile as string, "utf8")).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const { stdout, stderr } = run.output;
    expect(stdout).toContain(`  SMTP        127.0.0.1:${connection.smtpPort}  (STARTTLS, then AUTH XOAUTH2)`);
    expect(stdout).toContain("  faults      latency:1");
    expect(stdout).toContain("  connection  smtpcfg-emulator.json");
    const outbox = /outbox {6}(.+)/.exec(run.output.stdout)?.[1] as string;
    run.stop("SIGTERM");
    expect(await run.exit).toBe(0);
    expect(run.output.stderr).toContain("smtpcfg emulate: SIGTERM: stopped after 0 token requests, 0 SMTP sessions, 0 messages");
    expect(existsSync(join(cwd, "smtpcfg-emulator.json"))).toBe(false);
    expect(existsSync(connection.caFile as string)).toBe(false);
    expect(existsSync(outbox)).toBe(false);
    expect(stdout + stderr).not.toContain("the-secret-value");
  });

  it("starts with a secret file that is a named pipe, warning that the app's credentials are refused, and waits for signals only once started", async () => {
    const cwd = folderWithConfig(CONFIG.replace("clientSecret: { env: CONTOSO_SMTP_SECRET }", "clientSecret: { file: secret.fifo }"));
    execFileSync("mkfifo", [join(cwd, "secret.fifo")]);
    const run = emulate(cwd);
    await run.started;
    expect(run.output.stderr).toMatch(/warning app omada-smtp \(.+\): the file secret\.fifo is a named pipe \(FIFO\), not a file/);
    run.stop("SIGINT");
    expect(await run.exit).toBe(0);
    expect(run.output.signalsAwaited).toBe(1);
  });

  it("waits for no signal when the emulator does not start", async () => {
    const run = emulate(folderWithConfig("version: 1\ntenants: 42\n"));
    expect(await run.exit).toBe(2);
    expect(run.output.signalsAwaited).toBe(0);
  });

  it.each([
    [["--outbox", "smtpcfg.yaml/mail"], "--outbox"],
    [["--outbox", "smtpcfg.yaml"], "--outbox"],
    // procfs answers "no such file" to a new folder in /proc: Node 20's recursive mkdir never returns from it.
    [["--outbox", "/proc/smtpcfg-outbox"], "--outbox"],
    [["--connection-file", "nonexistent/dir/x.json"], "--connection-file"],
    [["--connection-file", "smtpcfg.yaml/x.json"], "--connection-file"],
  ])("refuses %j with one line naming %s and exit code 2", async (options, option) => {
    const cwd = folderWithConfig();
    const result = await runCli(["emulate", ...options], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^smtpcfg: ${option} \\S+: cannot be written there: [a-z /()?-]+ \\(E[A-Z]+\\)$`, "m"));
    expect(result.stderr).not.toContain("internal error");
    expect(existsSync(join(cwd, "smtpcfg-emulator.json"))).toBe(false);
  });

  it.each([
    ["--smtp-port", "abc"],
    ["--smtp-port", "65536"],
    ["--entra-port", "-1"],
    ["--entra-port", "0x50"],
    ["--smtp-port", "25.0"],
  ])("refuses %s %j with one line quoting the value as given, exit code 2", async (option, value) => {
    const cwd = folderWithConfig();
    const result = await runCli(["emulate", `${option}=${value}`], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`smtpcfg: ${option} ${JSON.stringify(value)}: a port is a whole number from 0 to 65535\n`);
    expect(existsSync(join(cwd, "smtpcfg-emulator.json"))).toBe(false);
  });

  it.each([[["--smtp-port"]], [["--entra-port="]]])(
    "refuses a port option without a value (%j) with one line, exit code 2",
    async (options) => {
      const cwd = folderWithConfig();
      const result = await runCli(["emulate", ...options], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^smtpcfg: --(smtp|entra)-port needs a value \(smtpcfg emulate --help\)\n$/);
      expect(existsSync(join(cwd, "smtpcfg-emulator.json"))).toBe(false);
    },
  );

  it.each([[["--fault="]], [["--fault", ""]]])("refuses an empty fault (%j) with exit code 2", async (options) => {
    const result = await runCli(["emulate", ...options], { cwd: folderWithConfig() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("smtpcfg: --fault needs a value (smtpcfg emulate --help)\n");
  });

  it.each([
    ["sendas-missing:omada-notify@contoso.com", "no mailbox it reaches grants the app SendAs"],
    [
      "secret-expired:omada-notify@contoso.com",
      "omada-notify@contoso.com is a mailbox, and secret-expired acts on apps: target its app omada-smtp (or the tenant)",
    ],
  ])("warns at start that the fault %s has no effect, and why", async (fault, reason) => {
    const run = emulate(folderWithConfig(), { fault: [fault] });
    await run.started;
    run.stop("SIGTERM");
    expect(await run.exit).toBe(0);
    expect(run.output.stderr).toContain(` warning fault ${fault} has no effect: ${reason}\n`);
  });

  it("refuses an unknown fault with one line and exit code 2", async () => {
    const result = await runCli(["emulate", "--fault", "consent-mising"], { cwd: folderWithConfig() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'smtpcfg: unknown fault "consent-mising": expected one of consent-missing, sp-not-registered, wrong-sp-object-id, no-mailbox-permission, smtp-auth-disabled-tenant, smtp-auth-disabled-mailbox, secret-expired, sendas-missing, no-starttls, token-endpoint-down, latency (latency as latency:MS)\n',
    );
  });

  it("refuses a latency longer than a timer can wait with one line and exit code 2, starting nothing", async () => {
    const cwd = folderWithConfig();
    const result = await runCli(["emulate", "--fault", "latency:3000000000"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('smtpcfg: fault "latency:3000000000": latency takes at most 2147483647 milliseconds (about 24 days)\n');
    expect(existsSync(join(cwd, "smtpcfg-emulator.json"))).toBe(false);
  });

  it("refuses a fault aimed at something the config does not have, with exit code 2", async () => {
    const result = await runCli(["emulate", "--fault", "consent-missing:nobody"], { cwd: folderWithConfig() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("smtpcfg: fault consent-missing:nobody: the config has no tenant, app or mailbox named nobody\n");
  });

  it("refuses a config with errors as generate does: its diagnostics, exit code 2", async () => {
    const cwd = folderWithConfig(CONFIG.replace("tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c", "tenantId: 42"));
    const result = await runCli(["emulate"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^smtpcfg\.yaml:9:\d+ error /m);
    expect(result.stderr).toContain("emulator not started. Run: smtpcfg lint smtpcfg.yaml");
    expect(existsSync(join(cwd, "smtpcfg-emulator.json"))).toBe(false);
  });

  it("explains itself in --help, with examples", async () => {
    const result = await runCli(["emulate", "--help"], { cwd: folderWithConfig() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--fault");
    expect(result.stdout).toContain("Examples:");
    expect(result.stdout).toContain("consent-missing:omada-smtp");
    expect(result.stdout).toMatch(/Exit codes: 0 [\s\S]+, 2 usage or config error, 3 internal\s+error/);
  });
});
