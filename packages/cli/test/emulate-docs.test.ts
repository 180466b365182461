import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCertificateCredential } from "@smtpcfg/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli } from "./bundled-cli.js";

const repo = join(import.meta.dirname, "../../..");

let cli: BundledCli;
let folder: string;
beforeAll(() => {
  cli = buildBundledCli();
  folder = mkdtempSync(join(tmpdir(), "smtpcfg-rehearse-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The first ```sh block after `heading` in a docs page. */
function example(page: string, heading: string): string {
  const markdown = readFileSync(join(repo, "docs", page), "utf8");
  const section = markdown.slice(markdown.indexOf(`\n${heading}\n`));
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (block === undefined) throw new Error(`no sh example under ${heading} in ${page}`);
  return block;
}

/**
 * `smtpcfg` on the PATH: the bundled CLI, as the process itself (exec), so that `kill $!` stops the
 * emulator; a verify's exit code is also written to `exits`.
 */
function smtpcfgOnPath(bin: string, exits: string): void {
  mkdirSync(bin);
  const node = JSON.stringify(process.execPath);
  writeFileSync(
    join(bin, "smtpcfg"),
    [
      "#!/bin/sh",
      `if [ "$1" != verify ]; then exec ${node} ${JSON.stringify(cli.bin)} "$@"; fi`,
      `${node} ${JSON.stringify(cli.bin)} "$@"`,
      "code=$?",
      `echo "verify $code" >> ${JSON.stringify(exits)}`,
      "exit $code",
      "",
    ].join("\n"),
  );
  chmodSync(join(bin, "smtpcfg"), 0o755);
}

/**
 * Runs `script` with sh in a process group of its own; when sh has ended (or after 40 s), whatever
 * it left running in the background is killed with the group, so that a broken example leaves no
 * emulator behind.
 */
function runScript(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", script], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Nothing of it is left.
      }
    };
    const timer = setTimeout(killGroup, 40_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      setTimeout(() => {
        killGroup();
        resolve({ code, output });
      }, 500);
    });
  });
}

describe("docs/commands/verify.md, Rehearse with the emulator", () => {
  it("run as written by sh in a folder with examples/smtpcfg.yaml: the first verify passes, the one against the faulty emulator fails with the Set-CASMailbox to run, and no emulator is left", async () => {
    const work = join(folder, "work");
    mkdirSync(join(work, "certs"), { recursive: true });
    copyFileSync(join(repo, "examples/smtpcfg.yaml"), join(work, "smtpcfg.yaml"));
    const { certificatePem, privateKeyPem } = await createCertificateCredential({ commonName: "fabrikam-notifications" });
    writeFileSync(join(work, "certs/fabrikam-notifications.crt"), certificatePem);
    writeFileSync(join(work, "certs/fabrikam-notifications.key"), privateKeyPem, { mode: 0o600 });
    const exits = join(folder, "exits");
    smtpcfgOnPath(join(folder, "bin"), exits);
    const script = example("commands/verify.md", "## Rehearse with the emulator");
    const result = await runScript(script, work, {
      PATH: `${join(folder, "bin")}:${process.env.PATH ?? ""}`,
      NO_COLOR: "1",
      SMTPCFG_CACHE_DIR: cli.cacheDir,
      CONTOSO_SMTP_SECRET: "rehearse~Qx7.secret_value-0123456789abcd",
    });
    expect(result.code, result.output).toBe(0);
    expect(readFileSync(exits, "utf8")).toBe("verify 0\nverify 1\n");
    expect(result.output).toContain("smtpcfg verify: 3 mailboxes passed");
    expect(result.output).toContain("Set-CASMailbox -Identity 'omada-notify@contoso.com' -SmtpClientAuthenticationDisabled $false");
    expect(result.output.match(/smtpcfg emulate: SIGTERM: stopped after /g)).toHaveLength(2);
    expect(existsSync(join(work, "smtpcfg-emulator.json"))).toBe(false);
    expect(readdirSync(work).sort()).toEqual(["certs", "smtpcfg.yaml"]);
  });
});
