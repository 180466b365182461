import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulateCommand } from "../src/commands/emulate.js";
import type { Io } from "../src/io.js";
import { runCli } from "./run-cli.js";

const repo = join(import.meta.dirname, "../../..");
const CONFIG = readFileSync(join(repo, "examples/smtpcfg.yaml"), "utf8");

function folderWithConfig(text = CONFIG): string {
  const folder = mkdtempSync(join(tmpdir(), "smtpcfg-emulate-"));
  writeFileSync(join(folder, "smtpcfg.yaml"), text);
  return folder;
}

describe("smtpcfg emulate", () => {
  it("writes the connection file, serves until stopped, then removes what it created", async () => {
    const cwd = folderWithConfig();
    let stdout = "";
    let stderr = "";
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
          stdout += text;
          if (stdout.includes("Ctrl+C stops it.")) ready();
        },
      },
      stderr: {
        write: (text) => {
          stderr += text;
        },
      },
    };
    const args = {
      config: "smtpcfg.yaml",
      entraPort: 0,
      smtpPort: 0,
      fault: ["latency:1"],
      outbox: undefined,
      connectionFile: "smtpcfg-emulator.json",
    };
    const exit = emulateCommand(args, io, () => stopped);
    await started;
    const connection = JSON.parse(readFileSync(join(cwd, "smtpcfg-emulator.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(connection)).toEqual(["authority", "scope", "smtpHost", "smtpPort", "caFile"]);
    expect(connection.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(connection.scope).toBe("https://outlook.office365.com/.default");
    expect(readFileSync(connection.caFile as string, "utf8")).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(stdout).toContain(`  SMTP        127.0.0.1:${connection.smtpPort}  (STARTTLS, then AUTH XOAUTH2)`);
    expect(stdout).toContain("  faults      latency:1");
    expect(stdout).toContain("  connection  smtpcfg-emulator.json");
    const outbox = /outbox {6}(.+)/.exec(stdout)?.[1] as string;
    stop("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr).toContain("smtpcfg emulate: SIGTERM: stopped after 0 token requests, 0 SMTP sessions, 0 messages");
    expect(existsSync(join(cwd, "smtpcfg-emulator.json"))).toBe(false);
    expect(existsSync(connection.caFile as string)).toBe(false);
    expect(existsSync(outbox)).toBe(false);
    expect(stdout + stderr).not.toContain("the-secret-value");
  });

  it("refuses an unknown fault with one line and exit code 2", async () => {
    const result = await runCli(["emulate", "--fault", "consent-mising"], { cwd: folderWithConfig() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'smtpcfg: unknown fault "consent-mising": expected one of consent-missing, sp-not-registered, wrong-sp-object-id, no-mailbox-permission, smtp-auth-disabled-tenant, smtp-auth-disabled-mailbox, secret-expired, sendas-missing, no-starttls, token-endpoint-down, latency (latency as latency:MS)\n',
    );
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
  });
});
