import { randomUUID } from "node:crypto";
import { generate } from "selfsigned";

/** PEM material for a TLS server on 127.0.0.1, and the CA that signed its certificate. */
export interface ServerTls {
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

/**
 * A CA made for one test and a server certificate it signs for 127.0.0.1 and localhost. A client
 * that trusts this CA accepts the server; a client that trusts another test CA does not, which is
 * how a test presents an untrusted certificate. EC keys: a pair is made in milliseconds.
 */
export async function makeServerTls(): Promise<ServerTls> {
  // A name of its own: a client that trusts another test CA finds no issuer of that name.
  const ca = await generate([{ name: "commonName", value: `smtpcfg test CA ${randomUUID()}` }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  return { caCertPem: ca.cert, certPem: server.cert, keyPem: server.private };
}
