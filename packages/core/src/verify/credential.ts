import { createPrivateKey, X509Certificate } from "node:crypto";
import type { App } from "../config/model.js";
import { type CredentialProblem, type CredentialSources, readCredentialFile, readSecret, type SecretRead } from "../secret-reference.js";

export type { CredentialProblem, CredentialSources };

/** What an app proves its identity with, read from where the config says. Never print `secret` or `privateKey`. */
export type ResolvedCredential =
  | { kind: "secret"; secret: string; source: string }
  | { kind: "certificate"; thumbprintSha256: string; privateKey: string; source: string };

function readCertificate(
  files: { certificateFile: string; privateKeyFile: string },
  sources: CredentialSources,
): SecretRead & { thumbprint?: string } {
  const certificate = readCredentialFile(files.certificateFile, sources.configDir);
  if ("problem" in certificate) return certificate;
  let thumbprint: string;
  try {
    thumbprint = new X509Certificate(certificate.value).fingerprint256.replaceAll(":", "").toLowerCase();
  } catch {
    const file = files.certificateFile;
    return { problem: { detail: `the file ${file} holds no PEM certificate`, file } };
  }
  const key = readCredentialFile(files.privateKeyFile, sources.configDir);
  if ("problem" in key) return key;
  try {
    createPrivateKey(key.value);
  } catch {
    const file = files.privateKeyFile;
    return { problem: { detail: `the file ${file} holds no PEM private key`, file } };
  }
  return { value: key.value, thumbprint };
}

/** The app's client secret or certificate, or the problem that names the missing variable or file. */
export function resolveCredential(
  app: App,
  sources: CredentialSources,
): { credential: ResolvedCredential } | { problem: CredentialProblem } {
  const { clientSecret, certificate } = app.credential;
  if (certificate) {
    const read = readCertificate(certificate, sources);
    if ("problem" in read) return read;
    return {
      credential: {
        kind: "certificate",
        thumbprintSha256: read.thumbprint as string,
        privateKey: read.value,
        source: `certificate ${certificate.certificateFile}`,
      },
    };
  }
  if (clientSecret === undefined) return { problem: { detail: `app ${app.name} has neither a client secret nor a certificate` } };
  const read = readSecret(clientSecret, sources);
  if ("problem" in read) return read;
  const source =
    typeof clientSecret === "string"
      ? "client secret written in the config"
      : clientSecret.env !== undefined
        ? `client secret from environment variable ${clientSecret.env}`
        : `client secret from file ${clientSecret.file}`;
  return { credential: { kind: "secret", secret: read.value, source } };
}
