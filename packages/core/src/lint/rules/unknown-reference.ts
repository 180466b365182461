import { itemsOf } from "../../config/walk.js";
import { didYouMean } from "../../text/did-you-mean.js";
import { quote } from "../../text/quote.js";
import type { Rule } from "../rule.js";

export const unknownReference: Rule = {
  meta: {
    id: "unknown-reference",
    description: "A mailbox's app or an Omada entry's mailbox names nothing defined in its tenant",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    const appOwner = (name: string) => [...itemsOf(context.config, "apps")].find((app) => app.value.name === name)?.tenant.value.name;
    const mailboxOwner = (address: string) =>
      [...itemsOf(context.config, "mailboxes")].find((mailbox) => mailbox.value.address?.toLowerCase() === address.toLowerCase())?.tenant
        .value.name;
    const explain = (kind: string, name: string, known: string[], tenantName: string | undefined, owner: string | undefined) => {
      const elsewhere =
        owner !== undefined && owner !== tenantName
          ? `; it is defined in tenant ${quote(owner)}, but references stay inside one tenant`
          : "";
      return `names no ${kind} of tenant ${quote(tenantName ?? "?")}${elsewhere || didYouMean(name, known)}`;
    };

    for (const { value: mailbox, path, tenant } of itemsOf(context.config, "mailboxes")) {
      const apps = (tenant.value.apps ?? []).flatMap((app) => (app?.name ? [app.name] : []));
      if (mailbox.app === undefined || apps.includes(mailbox.app)) continue;
      context.report({
        path: [...path, "app"],
        message: `${quote(mailbox.app)} ${explain("app", mailbox.app, apps, tenant.value.name, appOwner(mailbox.app))}`,
      });
    }
    for (const { value: omada, path, tenant } of itemsOf(context.config, "omada")) {
      const addresses = (tenant.value.mailboxes ?? []).flatMap((mailbox) => (mailbox?.address ? [mailbox.address] : []));
      const wanted = omada.mailbox;
      if (wanted === undefined || addresses.some((address) => address.toLowerCase() === wanted.toLowerCase())) continue;
      context.report({
        path: [...path, "mailbox"],
        message: `${quote(wanted)} ${explain("mailbox", wanted, addresses, tenant.value.name, mailboxOwner(wanted))}`,
      });
    }
  },
};
