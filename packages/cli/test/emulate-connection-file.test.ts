import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli, type ProcessResult, type RunningCli, runBundledCli, startBundledCli } from "./bundled-cli.js";

const repo = join(import.meta.dirname, "../../..");
const env = { CONTOSO_SMTP_SECRET: "connection-file~Test.secret_0123456789" };
const CONNECTION_FILE = "smtpcfg-emulator.json";

let cli: BundledCli;
beforeAll(() => {
  cli = buildBundledCli();
});

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folderWithConfig(): string {
  const folder = mkdtempSync(join(tmpdir(), "smtpcfg-connection-file-"));
  folders.push(folder);
  copyFileSync(join(repo, "examples/smtpcfg.yaml"), join(folder, "smtpcfg.yaml"));
  return folder;
}

/** The `emulatorPid` of the connection file at the path; undefined when there is none. */
function writerOf(path: string): unknown {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as { emulatorPid?: unknown }).emulatorPid : undefined;
}

/** `smtpcfg emulate` in `cwd` as a process, once it serves: once the connection file is the one it wrote. */
async function serving(cwd: string): Promise<RunningCli> {
  const running = startBundledCli(cli, ["emulate", "--connection-file", CONNECTION_FILE], { cwd, env });
  let ended: ProcessResult | undefined;
  void running.ended.then((result) => {
    ended = result;
  });
  while (writerOf(join(cwd, CONNECTION_FILE)) !== running.pid) {
    if (ended) throw new Error(`smtpcfg emulate ended before it served: ${ended.stderr}`);
    await sleep(50);
  }
  return running;
}

describe("smtpcfg emulate's connection file", () => {
  it.each([
    ["the config it serves", "smtpcfg.yaml", undefined],
    ["endpoints written for verify --endpoints", "endpoints.json", '{ "authority": "https://127.0.0.1:8443", "smtpPort": 2587 }\n'],
    ["a file that is not JSON", "notes.json", "keep me\n"],
  ])("is never %s: that is refused before anything starts, exit code 2, the file left as it was", async (_, name, text) => {
    const cwd = folderWithConfig();
    if (text !== undefined) writeFileSync(join(cwd, name), text);
    const before = readFileSync(join(cwd, name));
    const result = await runBundledCli(cli, ["emulate", "--connection-file", name], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `smtpcfg: --connection-file ${name} is not a connection file of smtpcfg emulate, which replaces only its own: move it away, or name another file\n`,
    );
    expect(result.stdout).toBe("");
    expect(readFileSync(join(cwd, name)).equals(before)).toBe(true);
  });

  it("of an emulator still running is refused to a second one, and left to the first, which removes it when stopped", async () => {
    const cwd = folderWithConfig();
    const first = await serving(cwd);
    const before = readFileSync(join(cwd, CONNECTION_FILE), "utf8");
    const second = await runBundledCli(cli, ["emulate", "--connection-file", CONNECTION_FILE], { cwd, env });
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `smtpcfg: --connection-file ${CONNECTION_FILE} is in use by the smtpcfg emulate running as process ${first.pid}: stop it, or name another file\n`,
    );
    expect(readFileSync(join(cwd, CONNECTION_FILE), "utf8")).toBe(before);
    expect((await first.stop()).code).toBe(0);
    expect(existsSync(join(cwd, CONNECTION_FILE))).toBe(false);
  });

  it("left by an emulator killed with SIGKILL is replaced by the next one, which removes it when stopped", async () => {
    const cwd = folderWithConfig();
    const killed = await serving(cwd);
    expect((await killed.stop("SIGKILL")).signal).toBe("SIGKILL");
    expect(writerOf(join(cwd, CONNECTION_FILE))).toBe(killed.pid);
    const next = await serving(cwd);
    expect((await next.stop()).code).toBe(0);
    expect(existsSync(join(cwd, CONNECTION_FILE))).toBe(false);
  });

  it("is not removed at stop when someone replaced it while the emulator ran", async () => {
    const cwd = folderWithConfig();
    const running = await serving(cwd);
    const replacement = '{ "authority": "https://127.0.0.1:8443" }\n';
    writeFileSync(join(cwd, CONNECTION_FILE), replacement);
    expect((await running.stop()).code).toBe(0);
    expect(readFileSync(join(cwd, CONNECTION_FILE), "utf8")).toBe(replacement);
  });
});
