import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "@smtpcfg/core";
import { afterAll, beforeAll } from "vitest";
import { createEmulatorTls, type EmulatorTls } from "../src/certificates.js";
import {
  createCertificateCredential,
  type EmulatorOptions,
  FAULT_KINDS,
  type FaultKind,
  type RunningEmulator,
  startEmulator,
} from "../src/index.js";

export const TENANT_ID = "2487abfa-47fc-4f60-8af4-2b857b17432c";
export const CLIENT_ID = "7a83471e-a8c7-4c06-8120-77b9aa56fa04";
export const CERT_CLIENT_ID = "5f0c2b8e-3d41-4e0a-9a77-0c1d2e3f4a5b";
export const SP_OBJECT_ID = "0c9d8e7f-6a5b-4c3d-8e1f-2a3b4c5d6e7f";
export const SECRET = "Qx8~emulator.secret_value-42";
export const SECRET_ENV = { CONTOSO_SMTP_SECRET: SECRET };
export const MAILBOX = "omada-notify@contoso.com";
/** Grants the app SendAs as well: another From the app may send as. */
export const SEND_AS_MAILBOX = "alerts@contoso.com";
/** Leaves SMTP AUTH to the organisation setting. */
export const INHERIT_MAILBOX = "inherit@contoso.com";
export const CERT_MAILBOX = "cert-notify@contoso.com";
export const DOMAIN_TENANT = "fabrikam.onmicrosoft.com";
export const OUTLOOK_SCOPE = "https://outlook.office365.com/.default";

/** The faults a tenant of its own has an app and a mailbox for, each named after the fault, so that one emulator holds them all. */
export const TARGETED = FAULT_KINDS.filter((kind): kind is Exclude<FaultKind, "no-starttls"> => kind !== "no-starttls");
export type TargetedFault = (typeof TARGETED)[number];
export const FAULTY_TENANT_ID = "3c1f6a2e-8b7d-4e5f-9a0b-1c2d3e4f5a6b";
export const faultyApp = (kind: TargetedFault) => ({
  name: `${kind}-app`,
  clientId: `00000000-0000-4000-8000-${String(TARGETED.indexOf(kind) + 1).padStart(12, "0")}`,
  secret: `secret-of-${kind}`,
});
export const faultyMailbox = (kind: TargetedFault) => `${kind}@faulty.example`;
/** A second mailbox of the sendas-missing app, granting it SendAs (which the fault removes). */
export const SEND_AS_TARGET = "sendas-missing-other@faulty.example";

/** Two tenants (one by GUID, one by domain), a secret app and a certificate app, and a tenant for targeted faults. */
export function testConfig(): Config {
  return {
    version: 1,
    tenants: [
      {
        name: "contoso",
        tenantId: TENANT_ID,
        apps: [
          {
            name: "omada-smtp",
            clientId: CLIENT_ID,
            servicePrincipalObjectId: SP_OBJECT_ID,
            credential: { clientSecret: { env: "CONTOSO_SMTP_SECRET" } },
          },
          {
            name: "cert-smtp",
            clientId: CERT_CLIENT_ID,
            credential: { certificate: { certificateFile: "app.crt", privateKeyFile: "app.key" } },
          },
        ],
        mailboxes: [
          { address: MAILBOX, app: "omada-smtp", access: ["FullAccess"], smtpClientAuth: "enabled" },
          { address: SEND_AS_MAILBOX, app: "omada-smtp", access: ["FullAccess", "SendAs"], smtpClientAuth: "enabled" },
          { address: INHERIT_MAILBOX, app: "omada-smtp", smtpClientAuth: "inherit" },
          { address: CERT_MAILBOX, app: "cert-smtp", smtpClientAuth: "enabled" },
        ],
      },
      {
        name: "fabrikam",
        tenantId: DOMAIN_TENANT,
        apps: [
          { name: "mailer", clientId: "11111111-2222-4333-8444-555555555555", credential: { clientSecret: "fabrikam-literal-secret" } },
        ],
        mailboxes: [{ address: "mailer@fabrikam.com", app: "mailer" }],
      },
      {
        name: "faulty",
        tenantId: FAULTY_TENANT_ID,
        apps: TARGETED.map((kind) => ({
          name: faultyApp(kind).name,
          clientId: faultyApp(kind).clientId,
          credential: { clientSecret: faultyApp(kind).secret },
        })),
        mailboxes: [
          ...TARGETED.map((kind) => ({
            address: faultyMailbox(kind),
            app: faultyApp(kind).name,
            smtpClientAuth: kind === "smtp-auth-disabled-tenant" ? ("inherit" as const) : ("enabled" as const),
          })),
          { address: SEND_AS_TARGET, app: faultyApp("sendas-missing").name, access: ["FullAccess", "SendAs"] },
        ],
      },
    ],
  };
}

let shared: Promise<{ tls: EmulatorTls; credential: { certificatePem: string; privateKeyPem: string } }> | undefined;

/** The TLS material and the certificate credential, made once per test file (key generation is the slow part of a start). */
export function material() {
  shared ??= Promise.all([createEmulatorTls("127.0.0.1"), createCertificateCredential()]).then(([tls, credential]) => ({
    tls,
    credential,
  }));
  return shared;
}

export interface TestEmulator {
  emulator: RunningEmulator;
  /** The emulator's CA certificate (PEM), for clients to trust. */
  ca: string;
  configDir: string;
  credential: { certificatePem: string; privateKeyPem: string };
  lines: string[];
  stop(): Promise<void>;
}

/** An emulator of testConfig() with the certificate app's files in a temporary config folder; every log line kept. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const { tls, credential } = await material();
  const configDir = mkdtempSync(join(tmpdir(), "smtpcfg-emulator-test-"));
  writeFileSync(join(configDir, "app.crt"), credential.certificatePem);
  writeFileSync(join(configDir, "app.key"), credential.privateKeyPem);
  const lines: string[] = [];
  const emulator = await startEmulator(testConfig(), { configDir, env: SECRET_ENV, tls, log: (line) => lines.push(line), ...options });
  return {
    emulator,
    ca: readFileSync(emulator.endpoints.caFile, "utf8"),
    configDir,
    credential,
    lines,
    stop: async () => {
      await emulator.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** One emulator for a test file's tests: started before them, stopped after; the returned function gives it inside a test. */
export function useTestEmulator(options: EmulatorOptions = {}): () => TestEmulator {
  let running: TestEmulator | undefined;
  beforeAll(async () => {
    running = await startTestEmulator(options);
  });
  afterAll(() => running?.stop());
  return () => {
    if (!running) throw new Error("the test emulator is used outside a test");
    return running;
  };
}
