import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, decodeSource, loadConfig, type MailboxReport, type VerifyReport } from "@smtpcfg/core";
import { type Fault, type RunningEmulator, startEmulator } from "@smtpcfg/emulator";
import { afterAll, expect } from "vitest";
import { type CliResult, runCli } from "./run-cli.js";
import { type KnownSecrets, secretsIn } from "./secret-search.js";

/** A folder holding a config (and whatever files it names), for verify and the emulator alike. */
export interface Workspace {
  dir: string;
  config: string;
  env: Record<string, string>;
}

/** Every workspace folder of the test file (they hold generated private keys): removed after its tests. */
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function workspace(yaml: string, files: Record<string, string> = {}, env: Record<string, string> = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-verify-"));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const config = join(dir, "smtpcfg.yaml");
  writeFileSync(config, yaml);
  return { dir, config, env };
}

function parsed(path: string, text: string): Config {
  const decoded = decodeSource(path, Buffer.from(text));
  if (!decoded.ok) throw new Error(`${path}: not text`);
  const { config, diagnostics } = loadConfig(decoded.source);
  if (!config) throw new Error(`${path}: ${diagnostics.map((d) => d.message).join("; ")}`);
  return config;
}

/** An emulator for the workspace's config, with its connection file written beside the config. */
export async function emulate(
  space: Workspace,
  yaml: string,
  faults: Fault[] = [],
  name = "emulator.json",
): Promise<{ emulator: RunningEmulator; endpoints: string }> {
  const emulator = await startEmulator(parsed(space.config, yaml), { configDir: space.dir, env: space.env, faults });
  const endpoints = join(space.dir, name);
  writeFileSync(endpoints, JSON.stringify(emulator.endpoints));
  return { emulator, endpoints };
}

/** Runs verify in-process; every output is searched for the known secrets and for any access token. */
export async function verifyRun(
  space: Workspace,
  args: string[],
  secrets: KnownSecrets,
  options: { tty?: boolean } = {},
): Promise<CliResult> {
  const result = await runCli(["verify", "--config", space.config, ...args], { cwd: space.dir, env: space.env, ...options });
  expect(secretsIn(result.stdout, secrets), result.stdout).toEqual([]);
  expect(secretsIn(result.stderr, secrets), result.stderr).toEqual([]);
  return result;
}

/**
 * The `<name>` markers of a diagnosis that name something verify knew: everything but the App
 * registration's object id (the config may leave it out) and, before a token came, the token's
 * oid and the service principal's object id.
 */
function markersOfKnownNames({ diagnosis, steps }: MailboxReport): string[] {
  if (!diagnosis) return [];
  const tokenIssued = steps.some((step) => step.step === "token" && step.status === "passed");
  const unknowable = ["applicationObjectId", ...(tokenIssued ? [] : ["tokenOid", "servicePrincipalObjectId"])];
  const text = [diagnosis.cause, diagnosis.fix, ...diagnosis.commands].join("\n");
  return [...text.matchAll(/<([a-zA-Z]+)>/g)].map((match) => match[1] as string).filter((name) => !unknowable.includes(name));
}

/** verify --format json: the report, after the same search, and with no diagnosis showing a marker for a name verify knew. */
export async function verifyJson(space: Workspace, args: string[], secrets: KnownSecrets): Promise<{ code: number; report: VerifyReport }> {
  const result = await verifyRun(space, [...args, "--format", "json"], secrets);
  expect(result.stderr).toBe("");
  const report = JSON.parse(result.stdout) as VerifyReport;
  for (const mailbox of report.mailboxes) expect(markersOfKnownNames(mailbox), mailbox.mailbox).toEqual([]);
  return { code: result.code, report };
}
