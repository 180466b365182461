import { type KeyObject, X509Certificate } from "node:crypto";
import type { Config } from "@smtpcfg/core";
import { readSecretFile } from "@smtpcfg/core/secret-file";
import { type CredentialSources, readSecret } from "@smtpcfg/core/secret-reference";

export type { CredentialSources };

type Credential = NonNullable<Config["tenants"][number]["apps"]>[number]["credential"];

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

/** The client secret value the config's reference resolves to (as verify resolves it). */
export function resolveSecret(credential: Credential, sources: CredentialSources): ValidSecret {
  if (credential.clientSecret === undefined) return undefined;
  const read = readSecret(credential.clientSecret, sources);
  return "value" in read ? read : { problem: read.problem.detail };
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
