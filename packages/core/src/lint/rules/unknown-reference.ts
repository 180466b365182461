import { type DataPath, displayPath } from "../../config/data-path.js";
import type { LintableTenant } from "../../config/lintable.js";
import { itemsOf, type Located } from "../../config/walk.js";
import { didYouMean } from "../../text/did-you-mean.js";
import { listOr, quote } from "../../text/quote.js";
import type { ConfigRuleContext, Rule } from "../rule.js";

interface Target {
  /** "app", "mailbox" */
  kind: string;
  /** The tenant's list the reference must name an entry of. */
  list: "apps" | "mailboxes";
  /** The key of an entry that the reference names. */
  key: "name" | "address";
  /** Why the reference cannot cross tenants, for the message. */
  sameTenant: string;
  matches(wanted: string, candidate: string): boolean;
}

const APP: Target = {
  kind: "app",
  list: "apps",
  key: "name",
  sameTenant: "a mailbox can only be used by an app of its own tenant",
  matches: (wanted, candidate) => wanted === candidate,
};

// Exchange treats addresses case-insensitively, so a difference in case is no mistake.
const MAILBOX: Target = {
  kind: "mailbox",
  list: "mailboxes",
  key: "address",
  sameTenant: "an Omada environment can only send as a mailbox of its own tenant",
  matches: (wanted, candidate) => wanted.toLowerCase() === candidate.toLowerCase(),
};

/** The values of one key of a tenant's list, or undefined when the schema rejected part of it (so any reference might be right). */
function namesIn(context: ConfigRuleContext, tenant: Located<LintableTenant>, target: Target): string[] | undefined {
  if (context.rejected([...tenant.path, target.list])) return undefined;
  const names: string[] = [];
  for (const entry of tenant.value[target.list] ?? []) {
    const name = (entry as Record<string, string | undefined> | undefined)?.[target.key];
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

function tenantLabel(tenant: Located<LintableTenant>): string {
  return tenant.value.name === undefined ? displayPath(tenant.path) : `tenant ${quote(tenant.value.name)}`;
}

function checkReference(context: ConfigRuleContext, target: Target, wanted: string, path: DataPath, tenant: Located<LintableTenant>): void {
  const known = namesIn(context, tenant, target);
  if (known === undefined || known.some((name) => target.matches(wanted, name))) return;
  const owner = [...itemsOf(context.config, target.list)].find((entry) => {
    const name = (entry.value as Record<string, string | undefined>)[target.key];
    return entry.tenant.path[1] !== tenant.path[1] && name !== undefined && target.matches(wanted, name);
  });
  let hint: string;
  // Two tenants with one name (duplicate-name reports that) are told apart by their paths.
  const ownerLabel = (other: Located<LintableTenant>) =>
    other.value.name !== undefined && other.value.name === tenant.value.name ? displayPath(other.path) : tenantLabel(other);
  if (owner) hint = `; it is defined in ${ownerLabel(owner.tenant)}, but ${target.sameTenant}`;
  else if (known.length === 0) hint = `, which defines no ${target.list}`;
  else hint = didYouMean(wanted, known) || `; expected ${known.length === 1 ? "" : "one of "}${listOr(known.map((name) => quote(name)))}`;
  context.report({ path, message: `${quote(wanted)} names no ${target.kind} of ${tenantLabel(tenant)}${hint}` });
}

export const unknownReference: Rule = {
  meta: {
    id: "unknown-reference",
    description: "A mailbox's app or an Omada entry's mailbox names nothing defined in its tenant",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    for (const { value: mailbox, path, tenant } of itemsOf(context.config, "mailboxes")) {
      if (mailbox.app !== undefined) checkReference(context, APP, mailbox.app, [...path, "app"], tenant);
    }
    for (const { value: omada, path, tenant } of itemsOf(context.config, "omada")) {
      if (omada.mailbox !== undefined) checkReference(context, MAILBOX, omada.mailbox, [...path, "mailbox"], tenant);
    }
  },
};
