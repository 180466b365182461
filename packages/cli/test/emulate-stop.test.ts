import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli } from "./bundled-cli.js";

const repo = join(import.meta.dirname, "../../..");
const env = { CONTOSO_SMTP_SECRET: "emulate-stop~Test.secret_0123456789" };
const CONNECTION_FILE = "smtpcfg-emulator.json";

let cli: BundledCli;
beforeAll(() => {
  cli = buildBundledCli();
});

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Serving {
  /** Its output so far. */
  output: { stdout: string; stderr: string };
  ended: Promise<Ended>;
  hasEnded(): boolean;
  signal(signal: NodeJS.Signals): void;
  /** What it made: the connection file, the CA file's folder, the outbox. */
  made: string[];
  smtpPort: number;
}

/** `smtpcfg emulate` as a process in a folder of its own, once it has printed its banner. */
async function serving(): Promise<Serving> {
  const cwd = mkdtempSync(join(tmpdir(), "smtpcfg-emulate-stop-"));
  cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
  copyFileSync(join(repo, "examples/smtpcfg.yaml"), join(cwd, "smtpcfg.yaml"));
  const child = spawn(process.execPath, [cli.bin, "emulate"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", SMTPCFG_CACHE_DIR: cli.cacheDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => {
    output.stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output.stderr += chunk.toString("utf8");
  });
  let done = false;
  const ended = new Promise<Ended>((resolve) => {
    child.on("close", (code, signal) => {
      done = true;
      resolve({ code, signal, ...output });
    });
  });
  cleanups.push(() => child.kill("SIGKILL"));
  while (!output.stdout.includes("Ctrl+C stops it.")) {
    if (done) throw new Error(`smtpcfg emulate ended before it served: ${output.stderr}`);
    await sleep(20);
  }
  const connection = JSON.parse(readFileSync(join(cwd, CONNECTION_FILE), "utf8")) as { caFile: string; smtpPort: number };
  const outbox = /^ {2}outbox {6}(.+)$/m.exec(output.stdout)?.[1] as string;
  cleanups.push(() => rmSync(dirname(connection.caFile), { recursive: true, force: true }));
  cleanups.push(() => rmSync(outbox, { recursive: true, force: true }));
  return {
    output,
    ended,
    hasEnded: () => done,
    signal: (signal) => {
      if (!done) child.kill(signal);
    },
    made: [join(cwd, CONNECTION_FILE), dirname(connection.caFile), outbox],
    smtpPort: connection.smtpPort,
  };
}

/** An SMTP client that reads the greeting and then holds the connection, never closing its side (as `nc` left open does). */
async function idleSmtpClient(port: number): Promise<Socket> {
  const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
  socket.on("error", () => {});
  await new Promise<void>((resolve) => socket.once("data", () => resolve()));
  cleanups.push(() => socket.destroy());
  return socket;
}

describe("smtpcfg emulate, stopped by a signal", () => {
  it("with a client holding an SMTP connection open: ends the session at once, then says it stopped, and leaves nothing behind", async () => {
    const emulator = await serving();
    await idleSmtpClient(emulator.smtpPort);
    const signalled = Date.now();
    emulator.signal("SIGINT");
    const result = await emulator.ended;
    expect(Date.now() - signalled).toBeLessThan(1500);
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines.at(-2)).toMatch(/ smtp mailbox=- result="no AUTH" messages=0$/);
    expect(lines.at(-1)).toBe("smtpcfg emulate: SIGINT: stopped after 0 token requests, 1 SMTP sessions, 0 messages");
    for (const path of emulator.made) expect(existsSync(path), path).toBe(false);
    expect(result.stdout + result.stderr).not.toContain(env.CONTOSO_SMTP_SECRET);
  });

  it("at SIGHUP (the terminal closed): stops as at Ctrl+C and leaves nothing behind", async () => {
    const emulator = await serving();
    await idleSmtpClient(emulator.smtpPort);
    emulator.signal("SIGHUP");
    const result = await emulator.ended;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("smtpcfg emulate: SIGHUP: stopped after ");
    for (const path of emulator.made) expect(existsSync(path), path).toBe(false);
  });

  it("at a second SIGINT while it stops: ends at once, and leaves nothing behind all the same", async () => {
    const emulator = await serving();
    await idleSmtpClient(emulator.smtpPort);
    emulator.signal("SIGINT");
    while (!emulator.hasEnded() && !emulator.output.stderr.includes("SIGINT")) await sleep(5);
    emulator.signal("SIGINT");
    const result = await emulator.ended;
    expect(result.code === 0 || result.signal === "SIGINT").toBe(true);
    for (const path of emulator.made) expect(existsSync(path), path).toBe(false);
  });
});
