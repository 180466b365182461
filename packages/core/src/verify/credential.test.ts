import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { App } from "../config/model.js";
import { resolveCredential } from "./credential.js";

const dir = mkdtempSync(join(tmpdir(), "smtpcfg-credential-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const app = (credential: App["credential"]): App => ({ name: "omada-smtp", clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04", credential });

describe("resolveCredential", () => {
  it("reads a secret from the environment, as it is", () => {
    expect(resolveCredential(app({ clientSecret: { env: "SECRET" } }), { configDir: dir, env: { SECRET: " s3cret " } })).toEqual({
      credential: { kind: "secret", secret: " s3cret ", source: "client secret from environment variable SECRET" },
    });
  });

  it.each([undefined, "", "  "])("names the variable when it is unset or blank (%j)", (value) => {
    expect(resolveCredential(app({ clientSecret: { env: "SECRET" } }), { configDir: dir, env: { SECRET: value } })).toEqual({
      problem: { detail: "the environment variable SECRET is not set", variable: "SECRET" },
    });
  });

  it("reads a secret file relative to the config, trimmed, and names a missing one", () => {
    writeFileSync(join(dir, "secret.txt"), "s3cret\n");
    const sources = { configDir: dir, env: {} };
    expect(resolveCredential(app({ clientSecret: { file: "secret.txt" } }), sources)).toMatchObject({ credential: { secret: "s3cret" } });
    expect(resolveCredential(app({ clientSecret: { file: "missing.txt" } }), sources)).toEqual({
      problem: { detail: "the file missing.txt cannot be read (ENOENT)", file: "missing.txt" },
    });
  });

  it("names a certificate file that holds no PEM certificate (a good one is proven against the emulator)", () => {
    writeFileSync(join(dir, "junk.txt"), "not a PEM");
    expect(
      resolveCredential(app({ certificate: { certificateFile: "junk.txt", privateKeyFile: "app.key" } }), { configDir: dir, env: {} }),
    ).toEqual({
      problem: { detail: "the file junk.txt holds no PEM certificate", file: "junk.txt" },
    });
  });
});
