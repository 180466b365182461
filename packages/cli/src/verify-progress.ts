import type { MailboxName, StepName, VerifyEvent } from "@smtpcfg/core";
import type { Io } from "./io.js";
import { mailboxLabel, mailboxLine, type Paint } from "./verify-text.js";

/** More mailboxes than this do not fit a terminal's screen: their lines are printed as they finish instead. */
const LIVE_LINES = 40;

/**
 * Progress of a verify run. On a terminal, one status line per mailbox, rewritten in place as its
 * steps run; elsewhere (a pipe, a CI log) one line per mailbox when it is done.
 */
export function progress(io: Io, mailboxes: readonly MailboxName[], p: Paint): (event: VerifyEvent) => void {
  const live = Boolean(io.stdout.isTTY) && mailboxes.length <= LIVE_LINES;
  if (!live) {
    return (event) => {
      if (event.type === "done") io.stdout.write(`${mailboxLine(event.report, p)}\n`);
    };
  }
  const labels = mailboxes.map((mailbox) => mailboxLabel(mailbox, p));
  const lines = labels.map((label) => `${p.dim("·")} ${label} ${p.dim("waiting")}`);
  io.stdout.write(`${lines.join("\n")}\n`);
  const rewrite = (index: number, text: string) => {
    lines[index] = text;
    const up = lines.length - index;
    // Up to the mailbox's line, clear it, write it, and back down below the last line.
    io.stdout.write(`\u001b[${up}A\r\u001b[2K${text}\u001b[${up}B\r`);
  };
  return (event) => {
    if (event.type === "step") rewrite(event.index, running(labels[event.index] as string, event.step, p));
    else rewrite(event.index, mailboxLine(event.report, p));
  };
}

function running(label: string, step: StepName, p: Paint): string {
  return `${p.dim("…")} ${label} ${p.dim(step)}`;
}
