// The emulator's public types: endpoints and faults.

/** What the emulator serves: the same field names as the config's `endpoints` block, so a connection file can be read as one. */
export interface EmulatorEndpoints {
  /** Base URL of the token authority, e.g. https://127.0.0.1:41234 (the tenant and /oauth2/v2.0/token are appended). */
  authority: string;
  /** Token scope the emulator's tokens are issued for: the cloud's Outlook resource + /.default. */
  scope?: string;
  smtpHost: string;
  smtpPort: number;
  /** Absolute path of the PEM file with the emulator's CA certificate. */
  caFile: string;
}

export type FaultKind =
  | "consent-missing"
  | "sp-not-registered"
  | "wrong-sp-object-id"
  | "no-mailbox-permission"
  | "smtp-auth-disabled-tenant"
  | "smtp-auth-disabled-mailbox"
  | "secret-expired"
  | "sendas-missing"
  | "no-starttls"
  | "token-endpoint-down"
  | "latency";

export interface Fault {
  kind: FaultKind;
  /** An app (name or client id) or mailbox address the fault is narrowed to; every app/mailbox when absent. */
  target?: string;
  /** For latency: the delay in milliseconds. */
  ms?: number;
}
