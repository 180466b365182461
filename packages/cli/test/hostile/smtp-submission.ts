import type { Socket } from "node:net";
import { SMTPServer } from "smtp-server";
import { type LoopbackServer, listenOnLoopback } from "./loopback.js";
import type { ServerTls } from "./test-ca.js";

export interface SubmissionServerOptions {
  /** The certificate it presents at STARTTLS. */
  tls: ServerTls;
  /** Cut the TCP connection as soon as the first bytes of a message arrive. */
  dropDuringData?: boolean;
  /** Offer and grant AUTH without TLS, as a server a client should refuse to authenticate to. */
  allowInsecureAuth?: boolean;
}

export interface SubmissionServer extends LoopbackServer {
  /** Messages whose DATA began: shows whether a client sent one again. */
  messages(): number;
}

/**
 * An SMTP submission server as Exchange Online offers it (STARTTLS, then AUTH XOAUTH2, which it
 * grants to any token) on 127.0.0.1: the well-behaved part of the hostile servers.
 */
export async function startSubmissionServer(options: SubmissionServerOptions): Promise<SubmissionServer> {
  let messages = 0;
  // smtp-server hands onData no socket: the TCP connection is found by the session's client port.
  const tcpSockets = new Map<number, Socket>();
  const server = new SMTPServer({
    key: options.tls.keyPem,
    cert: options.tls.certPem,
    authMethods: ["XOAUTH2"],
    allowInsecureAuth: options.allowInsecureAuth === true,
    logger: false,
    disableReverseLookup: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData: (stream, session, callback) => {
      messages++;
      if (options.dropDuringData) {
        stream.once("data", () => tcpSockets.get(session.remotePort)?.destroy());
        return;
      }
      stream.resume();
      stream.on("end", () => callback());
    },
  });
  // Clients that give up on TLS or vanish are what these servers are for: not an error of the test.
  server.on("error", () => {});
  server.server.on("connection", (socket: Socket) => {
    if (socket.remotePort !== undefined) tcpSockets.set(socket.remotePort, socket);
  });
  return { ...(await listenOnLoopback(server.server)), messages: () => messages };
}
