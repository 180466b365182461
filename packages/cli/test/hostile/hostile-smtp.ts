import { createServer } from "node:net";
import { listenOnLoopback } from "./loopback.js";
import { startSubmissionServer } from "./smtp-submission.js";
import { stripStarttls } from "./starttls-stripper.js";
import { makeServerTls, type ServerTls } from "./test-ca.js";
import { startWiretap, type TappedServer } from "./wiretap.js";

// SMTP servers that misbehave the ways a network does, each behind a wiretap that records every
// byte the client sent, so a test can show the token never crossed the wire in clear.

/** Offers STARTTLS with a certificate from `tls`, grants AUTH, then cuts the connection in the middle of DATA. */
export async function smtpDroppingMidData(tls: ServerTls): Promise<TappedServer> {
  return startWiretap(await startSubmissionServer({ tls, dropDuringData: true }));
}

/** Accepts connections and never says a word: no greeting, no reply (slowloris). */
export async function smtpWithoutGreeting(): Promise<TappedServer> {
  return startWiretap(await listenOnLoopback(createServer(() => {})));
}

/** Presents, at STARTTLS, a certificate from a CA made for it alone, which no client trusts. */
export async function smtpWithUntrustedCertificate(): Promise<TappedServer> {
  return startWiretap(await startSubmissionServer({ tls: await makeServerTls() }));
}

/**
 * A submission server behind a man in the middle that removes STARTTLS from its EHLO reply; the
 * server offers AUTH XOAUTH2 in clear, so a client that goes on without TLS sends its token.
 */
export async function smtpStrippingStarttls(tls: ServerTls): Promise<TappedServer> {
  return startWiretap(await startSubmissionServer({ tls, allowInsecureAuth: true }), stripStarttls);
}
