import { itemsOf } from "../../config/walk.js";
import { type SmtpAuthChange, smtpAuthChanges } from "../../powershell/smtp-auth.js";
import { listAnd } from "../../text/quote.js";
import type { Rule } from "../rule.js";

interface Mailbox {
  address: string;
  /** The config's smtpClientAuth; enabled unless it says inherit (the schema's default). */
  inherit: boolean;
}

const DISABLED_REPLY = '"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox"';
const TENANT_REPLY = '"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant"';
const enable = (address: string) => `Set-CASMailbox -Identity ${address} -SmtpClientAuthenticationDisabled $false`;
const list = (mailboxes: Mailbox[]) => listAnd(mailboxes.map((mailbox) => mailbox.address));

export const smtpAuthDisabled: Rule = {
  meta: {
    id: "smtp-auth-disabled",
    description:
      "A script that disables SMTP AUTH (or leaves it to the organisation) for a mailbox the config sends mail as (needs --config)",
    defaultSeverity: "error",
    fixable: false,
  },
  checkPowerShell({ script, config, report }) {
    if (!config) return;
    const mailboxes: Mailbox[] = [...itemsOf(config, "mailboxes")].flatMap(({ value }) =>
      value.address ? [{ address: value.address, inherit: value.smtpClientAuth === "inherit" }] : [],
    );
    if (mailboxes.length === 0) return;
    const changes = smtpAuthChanges(script);
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    /** Whether the script enables SMTP AUTH for the mailbox by name, after a change (or anywhere: the mailbox's own setting wins over the organisation's). */
    const enabledLater = (mailbox: Mailbox, after: number) =>
      changes.some(
        (change) =>
          change.setting === "enabled" &&
          change.target.kind === "mailbox" &&
          same(change.target.identity, mailbox.address) &&
          change.command.span.start > after,
      );
    const at = (change: SmtpAuthChange) => {
      const argument = change.parameter.argument;
      return argument
        ? { start: argument.span.start, end: argument.span.end }
        : { start: change.parameter.span.start, end: change.parameter.span.end };
    };
    const value = (change: SmtpAuthChange) => change.parameter.argument?.text ?? "";

    for (const change of changes) {
      const { target, setting } = change;
      const after = change.command.span.start;
      if (target.kind === "mailbox") {
        const mailbox = mailboxes.find((candidate) => same(candidate.address, target.identity));
        if (!mailbox || setting === "enabled" || enabledLater(mailbox, after)) continue;
        if (setting === "disabled") {
          const config = mailbox.inherit
            ? "smtpClientAuth: inherit relies on the organisation allowing it, and the mailbox's own setting wins"
            : "smtpClientAuth: enabled";
          report({
            ...at(change),
            message: `-SmtpClientAuthenticationDisabled ${value(change)} turns SMTP AUTH off for ${mailbox.address}, a mailbox the config sends mail as (${config}): Exchange Online then refuses its XOAUTH2 login with ${DISABLED_REPLY}; set it to $false`,
          });
        } else if (!mailbox.inherit) {
          report({
            ...at(change),
            message: `-SmtpClientAuthenticationDisabled $null makes ${mailbox.address} follow the organisation's setting (Get-TransportConfig), but the config says SMTP AUTH must be enabled for it (smtpClientAuth: enabled); set $false, or change the config to smtpClientAuth: inherit if the organisation allows SMTP AUTH`,
          });
        }
        continue;
      }
      if (setting !== "disabled") continue;
      if (target.kind === "every-mailbox") {
        const hit = mailboxes.filter((mailbox) => !enabledLater(mailbox, after));
        if (hit.length === 0) continue;
        const source = target.source.name;
        report({
          ...at(change),
          severity: "warning",
          message: `this turns SMTP AUTH off for every mailbox ${source} returns, which includes ${list(hit)} if the script runs in ${hit.length === 1 ? "its tenant" : "their tenants"}: the config sends mail as ${hit.length === 1 ? "it" : "them"}; leave ${hit.length === 1 ? "it" : "them"} out (Where-Object { $_.PrimarySmtpAddress -ne '…' }), or enable ${hit.length === 1 ? "it" : "them"} again after this line: ${enable(hit[0]?.address ?? "")}`,
        });
        continue;
      }
      // The organisation's default: a mailbox keeps SMTP AUTH only where the script sets its own setting to $false.
      const notEnabled = mailboxes.filter((mailbox) => !enabledLater(mailbox, -1));
      const inheriting = notEnabled.filter((mailbox) => mailbox.inherit);
      const unset = notEnabled.filter((mailbox) => !mailbox.inherit);
      const organisation = `Set-TransportConfig -SmtpClientAuthenticationDisabled ${value(change)} turns SMTP AUTH off for the organisation`;
      if (inheriting.length > 0) {
        report({
          ...at(change),
          message: `${organisation}, and the config leaves ${list(inheriting)} to the organisation's setting (smtpClientAuth: inherit): Exchange Online then answers ${TENANT_REPLY}; enable it per mailbox (${enable(inheriting[0]?.address ?? "")}) and set smtpClientAuth: enabled`,
        });
      }
      if (unset.length > 0) {
        const one = unset.length === 1;
        report({
          ...at(change),
          severity: "warning",
          message: `${organisation}; ${list(unset)}, which the config sends mail as, keep${one ? "s" : ""} it only with ${one ? "its" : "their"} own setting at $false, which this script never sets; add ${enable(unset[0]?.address ?? "")}`,
        });
      }
    }
  },
};
