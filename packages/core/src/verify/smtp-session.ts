import type { TLSSocket } from "node:tls";
import MailComposer from "nodemailer/lib/mail-composer";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import XOAuth2 from "nodemailer/lib/xoauth2";
import type { NetworkFailure, NetworkLimits, NetworkResult, SmtpSession, SmtpTarget, TestMessage } from "./network.js";
import { withRetries } from "./retry.js";
import { isTlsCode, trustingContext } from "./trust.js";

type SmtpError = Error & {
  code?: string | undefined;
  originalCode?: string | undefined;
  response?: string | undefined;
  command?: string | undefined;
};

/** What a nodemailer error means for verify; the reply line is kept as the server sent it. */
function smtpFailure(error: SmtpError, where: string): NetworkFailure {
  const reply = error.response?.split(/\r?\n/).pop()?.trim();
  const code = error.originalCode ?? error.code;
  if (error.code === "ETLS" && error.command === "STARTTLS" && reply)
    return { kind: "starttls-missing", reply, message: `${where} did not take STARTTLS (${reply}): the token was not sent` };
  if (error.code === "ETLS" || isTlsCode(code))
    return { kind: "tls", ...(code ? { code } : {}), message: `TLS with ${where} failed: ${error.message}` };
  if (reply) return { kind: "reply", reply, message: reply };
  if (error.code === "ETIMEDOUT") return { kind: "timeout", code: error.code, message: `${where} did not answer in time` };
  return { kind: "unreachable", ...(code ? { code } : {}), message: `${where}: ${error.message}` };
}

/**
 * Runs one step of an SMTP session: resolves with the step's result, its error (nodemailer also
 * emits it as an event), the connection closing, or the timeout, whichever comes first. A timeout
 * is told as `stepMs`, the whole step's time, when this attempt had only what was left of it.
 */
function step<T>(
  connection: SMTPConnection,
  where: string,
  timeoutMs: number,
  run: (done: (result: NetworkResult<T>) => void) => void,
  stepMs = timeoutMs,
): Promise<NetworkResult<T>> {
  return new Promise((resolve) => {
    const finish = (result: NetworkResult<T>) => {
      clearTimeout(timer);
      connection.off("error", onError);
      connection.off("end", onEnd);
      resolve(result);
    };
    const onError = (error: SmtpError) => finish({ ok: false, failure: smtpFailure(error, where) });
    const onEnd = () => finish({ ok: false, failure: { kind: "unreachable", message: `${where} closed the connection` } });
    const timer = setTimeout(() => {
      finish({ ok: false, failure: { kind: "timeout", message: `${where} did not answer within ${stepMs} ms` } });
      connection.close();
    }, timeoutMs);
    connection.on("error", onError);
    connection.on("end", onEnd);
    run((result) => finish(result));
  });
}

const QUIT_WAIT_MS = 2000;

class NodemailerSession implements SmtpSession {
  constructor(
    readonly connection: SMTPConnection,
    readonly where: string,
    readonly limits: NetworkLimits,
  ) {}

  get protocol(): string {
    return (this.connection._socket as TLSSocket).getProtocol?.() ?? "TLS";
  }

  authenticate(user: string, accessToken: string): Promise<NetworkResult<{ reply: string }>> {
    return step(this.connection, this.where, this.limits.timeoutMs, (done) => {
      this.connection.login({ user, oauth2: new XOAuth2({ user, accessToken }, false) }, (error) => {
        if (error) done({ ok: false, failure: smtpFailure(error, this.where) });
        else done({ ok: true, reply: this.connection.lastServerResponse || "235" });
      });
    });
  }

  async send(message: TestMessage): Promise<NetworkResult<{ reply: string }>> {
    const { from, to, subject, text } = message;
    const raw = await new MailComposer({ from, to, subject, text, date: new Date() }).compile().build();
    return step(this.connection, this.where, this.limits.timeoutMs, (done) => {
      this.connection.send({ from, to: [to] }, raw, (error, info) => {
        if (error) done({ ok: false, failure: smtpFailure(error, this.where) });
        else done({ ok: true, reply: info.response ?? "250" });
      });
    });
  }

  async quit(): Promise<void> {
    if (this.connection.destroyed) return;
    // The server's 221 ends the session; one that never answers QUIT is not worth a whole step's timeout.
    await step(this.connection, this.where, Math.min(this.limits.timeoutMs, QUIT_WAIT_MS), () => this.connection.quit());
    this.connection.close();
  }
}

/** One attempt at a session, given `attemptMs` of the step's time (what earlier attempts left of it). */
function connectOnce(target: SmtpTarget, limits: NetworkLimits, attemptMs: number): Promise<NetworkResult<{ session: SmtpSession }>> {
  const connection = new SMTPConnection({
    host: target.host,
    port: target.port,
    secure: false,
    // The bearer token must never travel in clear: no STARTTLS, no AUTH.
    requireTLS: true,
    ...(target.ca ? { tls: { secureContext: trustingContext(target.ca) } } : {}),
    connectionTimeout: attemptMs,
    greetingTimeout: attemptMs,
    // Idle time allowed in any later step (AUTH, sending): each of those has the whole timeout.
    socketTimeout: limits.timeoutMs,
    socketCloseTimeout: 0,
    allowInternalNetworkInterfaces: true,
    logger: false,
  });
  // Errors are taken by each step's listener; one that comes after its step was settled (a late
  // socket error on a connection given up for a timeout) must not become an uncaught exception.
  connection.on("error", () => {});
  const where = `${target.host}:${target.port}`;
  return step(
    connection,
    where,
    attemptMs,
    (done) => connection.connect(() => done({ ok: true, session: new NodemailerSession(connection, where, limits) })),
    limits.timeoutMs,
  );
}

/**
 * Connects, EHLO, STARTTLS, EHLO: a session ready for AUTH, or why there is none; transient
 * failures are tried again within the step's timeout.
 */
export function openSmtp(target: SmtpTarget, limits: NetworkLimits): Promise<NetworkResult<{ session: SmtpSession }>> {
  return withRetries(limits, (attemptMs) => connectOnce(target, limits, attemptMs));
}
