import { createServer } from "node:net";
import { listenOnLoopback } from "./loopback.js";
import { type SubmissionServer, startSubmissionServer } from "./smtp-submission.js";
import { stripStarttls } from "./starttls-stripper.js";
import { makeServerTls, type ServerTls } from "./test-ca.js";
import { DRIP_MS } from "./token-endpoint.js";
import { startWiretap, type TappedServer } from "./wiretap.js";

// SMTP servers that misbehave the ways a network does, each behind a wiretap that records every
// byte the client sent, so a test can show the token never crossed the wire in clear.

/** Offers STARTTLS with a certificate from `tls`, grants AUTH, then cuts the connection in the middle of DATA. */
export async function smtpDroppingMidData(tls: ServerTls): Promise<SubmissionServer & TappedServer> {
  return startWiretap(await startSubmissionServer({ tls, dropDuringData: true }));
}

/** Accepts connections and never says a word: no greeting, no reply (slowloris). */
export async function smtpWithoutGreeting(): Promise<TappedServer> {
  return startWiretap(await listenOnLoopback(createServer(() => {})));
}

/** Starts a greeting and never ends it: one more character every DRIP_MS, never a line break. */
export async function smtpDrippingGreeting(): Promise<TappedServer> {
  const server = createServer((socket) => {
    socket.write("220 ");
    const timer = setInterval(() => socket.write("."), DRIP_MS);
    socket.on("close", () => clearInterval(timer));
    socket.on("error", () => clearInterval(timer));
  });
  return startWiretap(await listenOnLoopback(server));
}

/** Greets, offers STARTTLS, agrees to it, then never answers the TLS handshake (a middlebox that stalls TLS). */
export async function smtpStallingTls(): Promise<TappedServer> {
  const server = createServer((socket) => {
    socket.write("220 stalling.example ESMTP\r\n");
    socket.on("data", (chunk: Buffer) => {
      const command = chunk.toString("latin1");
      if (/^EHLO /i.test(command)) socket.write("250-stalling.example\r\n250-STARTTLS\r\n250 AUTH XOAUTH2\r\n");
      else if (/^STARTTLS\r\n/i.test(command)) socket.write("220 2.0.0 Ready to start TLS\r\n");
    });
    socket.on("error", () => {});
  });
  return startWiretap(await listenOnLoopback(server));
}

/** Presents, at STARTTLS, a certificate from a CA made for it alone, which no client trusts. */
export async function smtpWithUntrustedCertificate(): Promise<TappedServer> {
  return startWiretap(await startSubmissionServer({ tls: await makeServerTls() }));
}

/**
 * A submission server behind a man in the middle that strips STARTTLS (see stripStarttls); the
 * server offers AUTH XOAUTH2 in clear, so a client that goes on without TLS sends its token.
 */
export async function smtpStrippingStarttls(tls: ServerTls): Promise<TappedServer> {
  return startWiretap(await startSubmissionServer({ tls, allowInsecureAuth: true }), stripStarttls);
}
