import type { Socket } from "node:net";
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from "smtp-server";
import type { EmulatorTls } from "./certificates.js";
import type { Directory, DirectoryApp, DirectoryMailbox } from "./directory.js";
import { REPLIES, type Reply, replyError } from "./exchange-replies.js";
import { hasFault, lateBy, latencyFor } from "./faults.js";
import { type Log, shownMailbox } from "./log.js";
import { storeMessage } from "./outbox.js";
import { SEND_AS_APP_ROLE, type TokenIssuer } from "./tokens.js";
import type { Fault } from "./types.js";

export interface SmtpContext {
  directory: Directory;
  issuer: TokenIssuer;
  faults: readonly Fault[];
  outbox: string;
  log: Log;
  counted: { session(): void; message(): void };
  /** Aborts when the emulator stops. */
  stopping: AbortSignal;
}

/** Exchange Online's limit on a message, in bytes. */
const MAX_MESSAGE = 35 * 1024 * 1024;

/** Who authenticated in a session. */
interface SessionUser {
  mailbox: DirectoryMailbox;
  app: DirectoryApp;
}

/** What a session's log line reports. */
interface SessionRecord {
  mailbox?: string;
  /** How the session ended up: the last reply that refused something (AUTH, MAIL FROM, a message), else AUTH's 235. */
  result: string;
  /** Why that reply, in the emulator's own words (Exchange's reply names no cause). */
  reason?: string;
  messages: number;
}

/** Records `reply`, which refuses something, as the session's result. */
function refused(entry: SessionRecord, reply: Reply, reason: string): void {
  entry.result = `${reply.code} ${reply.text.split(" ")[0]}`;
  entry.reason = reason;
}

type Decision = { user: SessionUser } | { reply: Reply; reason: string };

/** The checks of an XOAUTH2 login in Exchange Online's order, with the reply each failure gets. */
async function authorize(directory: Directory, issuer: TokenIssuer, username: string, token: string): Promise<Decision> {
  const denied = (reason: string): Decision => ({ reply: REPLIES.authenticationUnsuccessful, reason });
  const claims = await issuer.verify(token);
  if (!claims) return denied("token not signed by this emulator, expired or malformed");
  const tenant = directory.tenants.get(claims.tid);
  if (!tenant?.outlookResources.includes(claims.aud))
    return denied(`token audience ${claims.aud} is not ${tenant?.cloud.outlookResource ?? "Outlook"}`);
  if (!claims.roles?.includes(SEND_AS_APP_ROLE)) return denied(`token has no ${SEND_AS_APP_ROLE} role (admin consent)`);
  const app = tenant.apps.get(claims.appid.toLowerCase());
  if (!app || app.exchangeServicePrincipalId === undefined) return denied("service principal not registered in Exchange");
  if (app.exchangeServicePrincipalId !== claims.oid) return denied("service principal registered in Exchange with another object id");
  const mailbox = tenant.mailboxes.get(username.toLowerCase());
  if (!mailbox || mailbox.app !== app || !mailbox.fullAccess) return denied("no FullAccess on the mailbox for the service principal");
  if (mailbox.smtpAuthDisabledFor === "Mailbox") return { reply: REPLIES.disabledForMailbox, reason: "SMTP AUTH disabled for the mailbox" };
  if (mailbox.smtpAuthDisabledFor === "Tenant")
    return { reply: REPLIES.disabledForTenant, reason: "SMTP AUTH disabled for the organisation" };
  return { user: { mailbox, app } };
}

/** Whether the authenticated app may send as `from`: its own mailbox, or one that grants it SendAs. */
function maySendAs(user: SessionUser, from: string): boolean {
  const address = from.toLowerCase();
  if (address === user.mailbox.address.toLowerCase()) return true;
  const other = user.app.tenant.mailboxes.get(address);
  return other !== undefined && other.app === user.app && other.sendAs;
}

/**
 * Two replies smtp-server does not let a handler word. It answers a successful AUTH with a fixed
 * "235 Authentication successful", without the enhanced status code Exchange sends (turning
 * enhanced codes on would prefix every reply of ours a second time); and its EHLO lists AUTH before
 * STARTTLS, where Exchange Online lists it only on a TLS connection. Each connection's reply writer
 * puts Exchange's text in their place. (AUTH sent in clear anyway still reaches login(), which
 * answers as Exchange does.)
 */
class ExchangeLikeServer extends SMTPServer {
  /** Every client's TCP socket until it closes, including those smtp-server no longer counts as connections (closing after QUIT). */
  private readonly sockets = new Set<Socket>();

  override connect(socket: Socket, socketOptions: unknown): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    super.connect(socket, socketOptions as Parameters<SMTPServer["connect"]>[1]);
    const connection = [...this.connections].pop();
    if (!connection) return;
    const send = connection.send.bind(connection);
    connection.send = (code, data, context) => {
      if (code === 235) return send(code, REPLIES.authenticated, context);
      if (context === "MAIL_FROM_OK") return send(code, REPLIES.senderOk, context);
      if (context === "RCPT_TO_OK") return send(code, REPLIES.recipientOk, context);
      if (code === 250 && Array.isArray(data) && !connection.secure)
        return send(
          code,
          data.filter((line) => !line.startsWith("AUTH ")),
          context,
        );
      return send(code, data, context);
    };
  }

  /**
   * Ends every session at once: 421, then the connection dropped. smtp-server's close() instead
   * waits for clients to leave (closeTimeout, then up to 5 s for a client that does not close its
   * side), and an idle client would hold a stop that long.
   */
  endSessions(): void {
    for (const connection of this.connections) connection.send(REPLIES.closing.code, REPLIES.closing.text);
    for (const socket of this.sockets) socket.destroy();
  }
}

export interface EmulatedSmtp {
  server: SMTPServer;
  /** Stops listening and ends every open session at once; idle() tells when each has been logged. */
  close(): Promise<void>;
  /** Resolves once every session that was open has ended and been logged. */
  idle(): Promise<void>;
}

/** Exchange Online's client submission (STARTTLS, then AUTH XOAUTH2) for the configured mailboxes. */
export function createSmtpServer(tls: EmulatorTls, context: SmtpContext): EmulatedSmtp {
  const { directory, issuer, faults, log } = context;
  const sessions = new Map<string, SessionRecord>();
  let whenIdle: (() => void) | undefined;
  const record = (session: SMTPServerSession): SessionRecord => {
    let found = sessions.get(session.id);
    if (!found) {
      found = { result: "no AUTH", messages: 0 };
      sessions.set(session.id, found);
    }
    return found;
  };

  async function login(auth: SMTPServerAuthentication, session: SMTPServerSession): Promise<SessionUser> {
    const entry = record(session);
    if (auth.username) entry.mailbox = auth.username;
    const fail = (reply: Reply, reason: string): never => {
      refused(entry, reply, reason);
      throw replyError(reply);
    };
    // Exchange never takes credentials over a connection in clear.
    if (!session.secure) return fail(REPLIES.notAuthenticated, "AUTH before STARTTLS");
    if (auth.method !== "XOAUTH2") return fail(REPLIES.basicAuthenticationDisabled, `AUTH ${auth.method}`);
    const mailbox = findMailbox(directory, auth.username ?? "");
    const delay = latencyFor(faults, mailbox?.names ?? []);
    if (delay > 0) await lateBy(delay, context.stopping);
    if (context.stopping.aborted) throw replyError(REPLIES.closing);
    const decision = await authorize(directory, issuer, auth.username ?? "", auth.accessToken ?? "");
    if ("reply" in decision) return fail(decision.reply, decision.reason);
    entry.result = "235";
    return decision.user;
  }

  const server = new ExchangeLikeServer({
    secure: false,
    key: tls.keyPem,
    cert: tls.certPem,
    name: "smtpcfg-emulator",
    banner: "Microsoft ESMTP MAIL Service emulated by smtpcfg",
    size: MAX_MESSAGE,
    // Exchange Online's order (AUTH LOGIN XOAUTH2); PLAIN stays, last, so that it gets Exchange's basic-auth refusal.
    authMethods: ["LOGIN", "XOAUTH2", "PLAIN"],
    // AUTH before STARTTLS gets Exchange's 530 from login(), not smtp-server's 538.
    allowInsecureAuth: true,
    authRequiredMessage: REPLIES.notAuthenticated.text,
    disabledCommands: hasFault(faults, "no-starttls", []) ? ["STARTTLS"] : [],
    // Clients are named by their address: no DNS lookup holds up a session.
    disableReverseLookup: true,
    logger: false,
    onConnect(session, callback) {
      context.counted.session();
      record(session);
      callback();
    },
    onAuth(auth, session, callback) {
      login(auth, session).then(
        (user) => callback(null, { user }),
        (error: Error) => callback(error),
      );
    },
    onMailFrom(address, session, callback) {
      const user = session.user as SessionUser;
      if (maySendAs(user, address.address)) return callback();
      refused(record(session), REPLIES.sendAsDenied, "MAIL FROM another mailbox that does not grant the app SendAs");
      callback(replyError(REPLIES.sendAsDenied));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const refuse = (reply: Reply, reason: string) => {
          refused(record(session), reply, reason);
          callback(replyError(reply));
        };
        if (stream.sizeExceeded) return refuse(REPLIES.messageTooLarge, "message over 35 MB");
        try {
          storeMessage(context.outbox, Buffer.concat(chunks));
        } catch {
          return refuse(REPLIES.storeFailed, "the message could not be written to the outbox");
        }
        record(session).messages++;
        context.counted.message();
        callback(null, REPLIES.queued);
      });
    },
    onClose(session) {
      const entry = sessions.get(session.id);
      sessions.delete(session.id);
      if (!entry) return;
      const reason = entry.reason ? ` reason="${entry.reason}"` : "";
      log(`smtp mailbox=${shownMailbox(entry.mailbox)} result="${entry.result}"${reason} messages=${entry.messages}`);
      if (sessions.size === 0) whenIdle?.();
    },
  });
  // Malformed sessions and dropped connections end that connection, never the server.
  server.on("error", () => {});
  const idle = () =>
    new Promise<void>((resolve) => {
      whenIdle = resolve;
      if (sessions.size === 0) resolve();
    });
  const close = () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.endSessions();
    return closed;
  };
  return { server, close, idle };
}

function findMailbox(directory: Directory, address: string): DirectoryMailbox | undefined {
  const wanted = address.toLowerCase();
  for (const tenant of new Set(directory.tenants.values())) {
    const mailbox = tenant.mailboxes.get(wanted);
    if (mailbox) return mailbox;
  }
  return undefined;
}
