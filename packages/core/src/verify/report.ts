/** The steps of verifying one mailbox, in the order they run. */
export const VERIFY_STEPS = ["credential", "token", "claims", "starttls", "auth", "send"] as const;
export type StepName = (typeof VERIFY_STEPS)[number];

export interface StepReport {
  step: StepName;
  status: "passed" | "failed";
  /** Wall time of the step in milliseconds (for a token another mailbox of the same app asked for: the time spent waiting for it). */
  ms: number;
  /** What was found or done, in one line (never a secret or a token). */
  detail: string;
}

/** The cause of a failure and what to do, from the knowledge base, with the config's names filled in. */
export interface Diagnosis {
  /**
   * Knowledge base id (smtpcfg explain ID); absent when no entry matches what the server said, or
   * when several fit it and its words do not say which (the cause then names each).
   */
  id?: string;
  title: string;
  step: StepName;
  /** What happened, in one line: the server's reply, the error code, the claim's value. */
  detail: string;
  cause: string;
  fix: string;
  /** PowerShell to run, with the config's names filled in. */
  commands: string[];
  links: string[];
}

/** A mailbox as the config names it: its tenant's and app's names and its address. */
export interface MailboxName {
  tenant: string;
  app: string;
  mailbox: string;
}

export interface MailboxReport extends MailboxName {
  passed: boolean;
  ms: number;
  steps: StepReport[];
  diagnosis?: Diagnosis;
}

export interface VerifyReport {
  /** Identifies this run's test messages (in their subject). */
  runId: string;
  startedAt: string;
  passed: boolean;
  ms: number;
  /** Token requests made: one per app (tenant and client id), whatever the number of its mailboxes. */
  tokenRequests: number;
  mailboxes: MailboxReport[];
}

/** What the caller is told while verify runs: a mailbox's step began, or its report is complete. */
export type VerifyEvent = { type: "step"; index: number; step: StepName } | { type: "done"; index: number; report: MailboxReport };
