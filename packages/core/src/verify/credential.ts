import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import type { App } from "../config/model.js";
import {
  type CredentialSources,
  type CredentialProblem as ReadProblem,
  readCredentialFile,
  readSecret,
  type SecretRead,
} from "../secret-reference.js";

export type { CredentialSources };

/** Why there is no credential; `id` names the knowledge base entry when it is not credential-missing. */
export interface CredentialProblem extends ReadProblem {
  id?: "private-key-not-rsa" | "private-key-encrypted";
}

/** What an app proves its identity with, read from where the config says. Never print `secret` or `privateKey`. */
export type ResolvedCredential =
  | { kind: "secret"; secret: string; source: string }
  | { kind: "certificate"; thumbprintSha256: string; privateKey: string; source: string };

/** msal-node signs client assertions with PS256, and refuses a shorter RSA key. */
const MIN_RSA_BITS = 2048;

const CURVES: Readonly<Record<string, string>> = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" };

/** What a key that cannot sign a client assertion is, in words; undefined for an RSA key msal-node takes. */
function unusableKey(key: KeyObject): string | undefined {
  const { asymmetricKeyType: type, asymmetricKeyDetails: details } = key;
  if (type === "rsa") {
    const bits = details?.modulusLength ?? 0;
    return bits >= MIN_RSA_BITS ? undefined : `an RSA key of ${bits} bits`;
  }
  if (type === "ec") return `an EC key${details?.namedCurve ? ` (${CURVES[details.namedCurve] ?? details.namedCurve})` : ""}`;
  if (type === "rsa-pss") return "an RSA-PSS key";
  return `a key of type ${type ?? "unknown"}`;
}

/** A PEM private key encrypted with a passphrase: PKCS#8 or OpenSSL's traditional form. */
const ENCRYPTED_KEY = /-----BEGIN ENCRYPTED PRIVATE KEY-----|^Proc-Type: *4, *ENCRYPTED/m;

function readCertificate(
  files: { certificateFile: string; privateKeyFile: string },
  sources: CredentialSources,
): { value: string; thumbprint: string } | { problem: CredentialProblem } {
  const certificate = readCredentialFile(files.certificateFile, sources.configDir);
  if ("problem" in certificate) return certificate;
  let thumbprint: string;
  try {
    thumbprint = new X509Certificate(certificate.value).fingerprint256.replaceAll(":", "").toLowerCase();
  } catch {
    const file = files.certificateFile;
    return { problem: { detail: `the file ${file} holds no PEM certificate`, file } };
  }
  const key: SecretRead = readCredentialFile(files.privateKeyFile, sources.configDir);
  if ("problem" in key) return key;
  const file = files.privateKeyFile;
  if (ENCRYPTED_KEY.test(key.value))
    return {
      problem: {
        id: "private-key-encrypted",
        detail: `the file ${file} holds an encrypted private key: smtpcfg reads only an unencrypted one, as the config has no passphrase`,
        file,
      },
    };
  let unusable: string | undefined;
  try {
    unusable = unusableKey(createPrivateKey(key.value));
  } catch {
    return { problem: { detail: `the file ${file} holds no PEM private key`, file } };
  }
  if (unusable)
    return {
      problem: {
        id: "private-key-not-rsa",
        detail: `the file ${file} holds ${unusable}: Entra ID's client assertions are signed with an RSA key of ${MIN_RSA_BITS} bits or more`,
        file,
      },
    };
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
        thumbprintSha256: read.thumbprint,
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
