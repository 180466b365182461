import { type DataPath, displayPath } from "../../config/data-path.js";
import type { Located } from "../../config/walk.js";
import { itemsOf, tenantsOf } from "../../config/walk.js";
import { quote } from "../../text/quote.js";
import type { ConfigRuleContext, Rule } from "../rule.js";

interface Named {
  key: string;
  shown: string;
  path: DataPath;
}

/** Reports every entry whose key was already used, pointing back at the first one. */
function reportRepeats(context: ConfigRuleContext, entries: Iterable<Named>, what: string, why: string): void {
  const first = new Map<string, Named>();
  for (const entry of entries) {
    const earlier = first.get(entry.key);
    if (!earlier) {
      first.set(entry.key, entry);
      continue;
    }
    context.report({
      path: entry.path,
      message: `${quote(entry.shown)} is already the ${what} of ${displayPath(earlier.path.slice(0, -1))} (line ${context.lineOf(earlier.path)}); ${why}`,
    });
  }
}

/** Ids (GUIDs, compared without case) that must be unique: per file for tenants, per tenant for apps. */
function ids<T>(items: Iterable<Located<T>>, key: (value: T) => string | undefined, name: string): Named[] {
  return [...items].flatMap(({ value, path }) => {
    const id = key(value);
    if (id === undefined) return [];
    const scope = path.length > 2 ? String(path[1]) : "";
    return [{ key: `${scope}\0${id.toLowerCase()}`, shown: id, path: [...path, name] }];
  });
}

/** Names are unique per tenant (tenants themselves: per file); the tenant index is the path's second segment. */
function named<T extends { name?: string }>(items: Iterable<Located<T>>): Named[] {
  return [...items].flatMap(({ value, path }) => {
    if (value.name === undefined) return [];
    const scope = path.length > 2 ? String(path[1]) : "";
    return [{ key: `${scope}\0${value.name}`, shown: value.name, path: [...path, "name"] }];
  });
}

export const duplicateName: Rule = {
  meta: {
    id: "duplicate-name",
    description:
      "Tenant, app or Omada names, mailbox addresses (compared case-insensitively), tenant ids or an app's client id in one tenant, defined twice",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    const { config } = context;
    reportRepeats(
      context,
      named(tenantsOf(config)),
      "name",
      "tenant names must be unique in the file, as generated scripts and messages use them",
    );
    reportRepeats(
      context,
      named(itemsOf(config, "apps")),
      "name",
      "mailboxes refer to apps by name, so app names must be unique in their tenant",
    );
    reportRepeats(
      context,
      named(itemsOf(config, "omada")),
      "name",
      "Omada environments are told apart by name, so names must be unique in their tenant",
    );
    reportRepeats(
      context,
      ids(tenantsOf(config), (tenant) => tenant.tenantId, "tenantId"),
      "tenantId",
      "a tenant is one entry, which holds all its apps, mailboxes and Omada environments: the scripts of two entries for one tenant would each connect to it and change it",
    );
    reportRepeats(
      context,
      ids(itemsOf(config, "apps"), (app) => app.clientId, "clientId"),
      "clientId",
      "one app registration is one entry, whose name mailboxes refer to: two entries describe it twice, with credentials and settings that can disagree (01-entra-app.ps1 -NewClientSecret would give the app a new secret for each)",
    );
    const addresses = [...itemsOf(config, "mailboxes")].flatMap(({ value, path }) =>
      value.address === undefined ? [] : [{ key: value.address.toLowerCase(), shown: value.address, path: [...path, "address"] }],
    );
    reportRepeats(
      context,
      addresses,
      "address",
      "a mailbox is configured once, in the tenant it belongs to (addresses are compared without case, as Exchange does)",
    );
  },
};
