import { type KeyObject, X509Certificate } from "node:crypto";
import type { Config } from "@smtpcfg/core";
import { readSecretFile } from "@smtpcfg/core/secret-file";

type Credential = NonNullable<Config["tenants"][number]["apps"]>[number]["credential"];

/** Where `env:` and `file:` secrets and certificate files are read from. */
export interface CredentialSources {
  configDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** The secret an app's client must send, or why there is none (then every secret is refused, as Entra would). */
export type ValidSecret = { value: string } | { problem: string } | undefined;

/** The certificate registered on an app: what a client assertion's header and signature are checked against. */
export interface RegisteredCertificate {
  /** SHA-1 and SHA-256 thumbprints of the DER certificate, the x5t and x5t#S256 header values (base64url). */
  x5t: string;
  x5tS256: string;
  publicKey: KeyObject;
}

export type ValidCertificate = RegisteredCertificate | { problem: string } | undefined;

/** The client secret value the config's reference resolves to (as `generate` resolves it). */
export function resolveSecret(credential: Credential, sources: CredentialSources): ValidSecret {
  const reference = credential.clientSecret;
  if (reference === undefined) return undefined;
  if (typeof reference === "string") return { value: reference };
  if (reference.env !== undefined) {
    const value = sources.env[reference.env];
    return value === undefined || value.trim() === "" ? { problem: `the environment variable ${reference.env} is not set` } : { value };
  }
  if (reference.file !== undefined) {
    const read = readSecretFile(reference.file, sources.configDir);
    return "value" in read ? read : { problem: `the file ${reference.file} ${read.problem}` };
  }
  return undefined;
}

const base64url = (hexWithColons: string) => Buffer.from(hexWithColons.replaceAll(":", ""), "hex").toString("base64url");

/** The certificate the config's certificateFile holds. */
export function readCertificate(credential: Credential, sources: CredentialSources): ValidCertificate {
  const file = credential.certificate?.certificateFile;
  if (file === undefined) return undefined;
  const read = readSecretFile(file, sources.configDir);
  if ("problem" in read) return { problem: `the certificate file ${file} ${read.problem}` };
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(read.value);
  } catch {
    return { problem: `the certificate file ${file} holds no PEM certificate` };
  }
  return {
    x5t: base64url(certificate.fingerprint),
    x5tS256: base64url(certificate.fingerprint256),
    publicKey: certificate.publicKey,
  };
}
