import { itemsOf } from "../../config/walk.js";
import { listAnd, quote } from "../../text/quote.js";
import type { Rule } from "../rule.js";

export const mailboxAccess: Rule = {
  meta: {
    id: "mailbox-access",
    description: "An Omada environment that signs in as a mailbox whose access leaves out FullAccess, which SMTP AUTH as the app needs",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    const { config } = context;
    for (const mailbox of itemsOf(config, "mailboxes")) {
      const { access, address } = mailbox.value;
      // Left out, access is [FullAccess]; a list the schema rejected is reported there.
      if (access === undefined || address === undefined || access.includes("FullAccess")) continue;
      const accessPath = [...mailbox.path, "access"];
      // The list as written, or an item of it (it holds two values at most), that the schema rejected: what is left says nothing.
      if ([accessPath, ...[0, 1, 2].map((index) => [...accessPath, index])].some((path) => context.rejected(path))) continue;
      const signingIn = itemsOf(config, "omada").filter(
        (omada) => omada.tenant.path[1] === mailbox.tenant.path[1] && omada.value.mailbox?.toLowerCase() === address.toLowerCase(),
      );
      if (signingIn.length === 0) continue;
      const environments = signingIn.map(
        (omada) => `${quote(omada.value.name ?? "?")} (line ${context.lineOf([...omada.path, "mailbox"])})`,
      );
      const given = access.length === 0 ? "is empty, so it leaves out FullAccess" : `[${access.join(", ")}] leaves out FullAccess`;
      context.report({
        path: accessPath,
        message: `${given}, but the Omada environment${signingIn.length === 1 ? "" : "s"} ${listAnd(environments)} sign${signingIn.length === 1 ? "s" : ""} in as this mailbox: without FullAccess on it, Exchange Online refuses the app's SMTP AUTH with 535 5.7.3 Authentication unsuccessful, and the generated script grants none. Add FullAccess (the default when access is left out)`,
      });
    }
  },
};
