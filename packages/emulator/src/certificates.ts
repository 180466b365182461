import { isIP } from "node:net";
import { generate } from "selfsigned";

/** The emulator's TLS: a CA (what clients are told to trust) and the server certificate it signed. */
export interface EmulatorTls {
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * A CA and a certificate for `host` (and 127.0.0.1, localhost), valid from a minute ago for a year.
 * Their keys are ECDSA P-256, which every TLS client takes and which takes a fraction of the time
 * of an RSA key to make (the emulator makes them at each start).
 */
export async function createEmulatorTls(host: string): Promise<EmulatorTls> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + YEAR_MS);
  const ca = await generate([{ name: "commonName", value: "smtpcfg emulator CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const names = [...new Set([host, "127.0.0.1", "localhost"])];
  const server = await generate([{ name: "commonName", value: host }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    ],
  });
  return { caCertPem: ca.cert, certPem: server.cert, keyPem: server.private };
}

/**
 * A self-signed certificate and its RSA private key, as an app registration's certificate credential
 * (the certificate is what is uploaded to the app; the key stays with the client).
 */
export async function createCertificateCredential(options: { commonName?: string } = {}): Promise<{
  certificatePem: string;
  privateKeyPem: string;
}> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: "commonName", value: options.commonName ?? "smtpcfg client credential" }], {
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + YEAR_MS),
  });
  return { certificatePem: pems.cert, privateKeyPem: pems.private };
}
