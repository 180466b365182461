// What verify needs from the network, as an interface: the orchestration, the diagnoses and their
// tests do not depend on msal-node or nodemailer, which only node-network.ts loads.
import type { ResolvedCredential } from "./credential.js";

/**
 * A failure of a network step, with the real cause kept (msal-node reports transport failures only
 * as network_error). `transient` failures (HTTP 5xx, resets, timeouts) were already retried.
 */
export interface NetworkFailure {
  kind: "server" | "unreachable" | "timeout" | "tls" | "starttls-missing" | "reply";
  /** What happened, in one line: never a secret or a token. */
  message: string;
  /** HTTP status of a token endpoint answer. */
  status?: number;
  /** The token endpoint's error code (AADSTS7000215 …) or the socket's (ECONNREFUSED …). */
  code?: string;
  /** The SMTP server's reply line. */
  reply?: string;
}

export type NetworkResult<T> = ({ ok: true } & T) | { ok: false; failure: NetworkFailure };

export interface TokenRequest {
  /** Base URL of the authority (https://login.microsoftonline.com). */
  authority: string;
  tenantId: string;
  clientId: string;
  credential: ResolvedCredential;
  scope: string;
  /** Extra CA certificates (PEM) to trust besides the system's. */
  ca?: string;
}

export interface SmtpTarget {
  host: string;
  port: number;
  ca?: string;
}

export interface TestMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface SmtpSession {
  /** TLS protocol of the upgraded connection (TLSv1.3 …). */
  readonly protocol: string;
  /** AUTH XOAUTH2 as the mailbox. */
  authenticate(user: string, accessToken: string): Promise<NetworkResult<{ reply: string }>>;
  /** MAIL FROM, RCPT TO and DATA of a plain-text message. */
  send(message: TestMessage): Promise<NetworkResult<{ reply: string }>>;
  /** QUIT, then close; never fails. */
  quit(): Promise<void>;
}

export interface NetworkLimits {
  /** Milliseconds each network operation may take. */
  timeoutMs: number;
  /** How many times a transient failure is tried again. */
  retries: number;
}

export interface VerifyNetwork {
  acquireToken(request: TokenRequest): Promise<NetworkResult<{ accessToken: string }>>;
  /** Connects, reads the greeting, EHLO, STARTTLS (required: no AUTH without it) and EHLO again. */
  openSmtp(target: SmtpTarget): Promise<NetworkResult<{ session: SmtpSession }>>;
}
