import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { createCertificateCredential, type RunningEmulator } from "@smtpcfg/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { emulate, verifyJson, type Workspace, workspace } from "./verify-fixture.js";

// What verify says when a step fails in a way its knowledge base has no single entry for, or
// before any server is asked: each against real servers on 127.0.0.1 (the emulator, smtp-server,
// an HTTPS token endpoint) with real keys and certificates made here.
const SECRET = "Zr4~kP7nW.qT2yH_vB9mC5xL8dF3gJ6sA0eU1iO";
const CONFIG = readFileSync(join(import.meta.dirname, "../../../examples/smtpcfg.yaml"), "utf8");
const MAILBOX = "omada-notify@contoso.com";

let space: Workspace;
let emulator: RunningEmulator;
let secrets: Record<string, string>;

beforeAll(async () => {
  const certificate = await createCertificateCredential({ commonName: "fabrikam-notifications" });
  space = workspace(
    CONFIG,
    { "certs/fabrikam-notifications.crt": certificate.certificatePem, "certs/fabrikam-notifications.key": certificate.privateKeyPem },
    { CONTOSO_SMTP_SECRET: SECRET },
  );
  secrets = { "client secret": SECRET, "private key": certificate.privateKeyPem };
  ({ emulator } = await emulate(space, CONFIG));
});

afterAll(async () => {
  await emulator?.stop();
});

/** A connection file with these endpoints. */
function connection(name: string, fields: object): string {
  writeFileSync(join(space.dir, name), JSON.stringify(fields));
  return join(space.dir, name);
}

describe("a CA file", () => {
  it("with a PEM block that is not a certificate: exit 2, before any network step", async () => {
    writeFileSync(join(space.dir, "garbage-ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n");
    const file = connection("garbage-ca.json", { ...emulator.endpoints, caFile: "garbage-ca.pem" });
    const result = await runCli(["verify", "--endpoints", file], { cwd: space.dir, env: space.env });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `smtpcfg: CA file ${join(space.dir, "garbage-ca.pem")} holds no usable certificate: its PEM block at line 1 does not decode as an X.509 certificate\n`,
    });
  });

  it("of two certificates joined without a line break: both trusted, the emulator's included", async () => {
    const emulatorCa = readFileSync(emulator.endpoints.caFile, "utf8");
    writeFileSync(join(space.dir, "joined-ca.pem"), `${(rootCertificates[0] as string).trim()}${emulatorCa.trim()}`);
    const file = connection("joined-ca.json", { ...emulator.endpoints, caFile: "joined-ca.pem" });
    const { code, report } = await verifyJson(space, ["--endpoints", file, "--mailbox", MAILBOX], secrets);
    expect(report.mailboxes[0]?.diagnosis).toBeUndefined();
    expect(code).toBe(0);
  });
});
