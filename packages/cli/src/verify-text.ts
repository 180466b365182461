import type { Diagnosis, MailboxName, MailboxReport, StepReport, VerifyReport } from "@smtpcfg/core";

/** How verify's text output looks: colour on a terminal, plain otherwise. */
export interface Paint {
  ok(text: string): string;
  bad(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function paint(color: boolean): Paint {
  const style = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { ok: style(32, 39), bad: style(31, 39), dim: style(2, 22), bold: style(1, 22) };
}

const plural = (count: number, noun: string, nouns = `${noun}s`) => `${count} ${count === 1 ? noun : nouns}`;

export function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** A mailbox as lines name it: tenant, address, app. */
export function mailboxLabel(mailbox: MailboxName, p: Paint): string {
  return `${mailbox.tenant} ${p.bold(mailbox.mailbox)} ${p.dim(`(app ${mailbox.app})`)}`;
}

/** One line for a finished mailbox: its mark, names, and every step with its duration. */
export function mailboxLine(report: MailboxReport, p: Paint): string {
  const mark = report.passed ? p.ok("✓") : p.bad("✗");
  const steps = report.steps.map((step) => `${step.status === "passed" ? step.step : p.bad(step.step)} ${duration(step.ms)}`).join(" · ");
  return `${mark} ${mailboxLabel(report, p)}  ${p.dim(steps)}`;
}

function stepLine(step: StepReport, p: Paint): string {
  const mark = step.status === "passed" ? p.ok("✓") : p.bad("✗");
  return `    ${mark} ${step.step.padEnd(10)} ${duration(step.ms).padStart(7)}  ${step.detail}`;
}

function diagnosisLines(diagnosis: Diagnosis, p: Paint): string[] {
  const lines = [
    `    ${p.bad(diagnosis.id ?? "unknown")}: ${p.bold(diagnosis.title)}`,
    `    cause: ${diagnosis.cause}`,
    `    fix:   ${diagnosis.fix}`,
  ];
  for (const command of diagnosis.commands) lines.push(`      ${command}`);
  const more = [...diagnosis.links, ...(diagnosis.id ? [`smtpcfg explain ${diagnosis.id}`] : [])];
  if (more.length > 0) lines.push(`    more:  ${more.join(" · ")}`);
  return lines;
}

/** Every step of a mailbox, and for a failed one the diagnosis: cause, fix, commands to run. */
export function mailboxDetails(report: MailboxReport, p: Paint): string {
  const lines = [`  ${mailboxLabel(report, p)}`, ...report.steps.map((step) => stepLine(step, p))];
  if (report.diagnosis) lines.push(...diagnosisLines(report.diagnosis, p));
  return `${lines.join("\n")}\n`;
}

/** The closing line: how many mailboxes passed, token requests made, wall time. */
export function summaryLine(report: VerifyReport): string {
  const failed = report.mailboxes.filter((mailbox) => !mailbox.passed).length;
  const total = report.mailboxes.length;
  const verdict =
    failed === 0 ? `${plural(total, "mailbox", "mailboxes")} passed` : `${failed} of ${plural(total, "mailbox", "mailboxes")} failed`;
  return `smtpcfg verify: ${verdict} (${plural(report.tokenRequests, "token request")}, run ${report.runId}, ${duration(report.ms)})\n`;
}
