import { itemsOf } from "../../config/walk.js";
import type { Rule } from "../rule.js";

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_WARN_DAYS = 30;

export const secretExpiry: Rule = {
  meta: {
    id: "secret-expiry",
    description: "A client secret or certificate that has expired (error) or expires soon (warning)",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    const warnDays = typeof context.options.warnDays === "number" ? context.options.warnDays : DEFAULT_WARN_DAYS;
    const today = Date.parse(context.today);
    for (const { value: app, path } of itemsOf(context.config, "apps")) {
      const expires = app.credential?.expires;
      if (expires === undefined) continue;
      const what = app.credential?.certificate ? "the certificate" : "the client secret";
      const days = Math.round((Date.parse(expires) - today) / DAY_MS);
      if (days < 0) {
        context.report({
          path: [...path, "credential", "expires"],
          message: `${JSON.stringify(expires)}: ${what} expired ${-days} day${days === -1 ? "" : "s"} ago; Entra refuses it (AADSTS7000222) and notifications stop silently. Create a new one, update the reference, then change this date`,
        });
      } else if (days <= warnDays) {
        context.report({
          path: [...path, "credential", "expires"],
          severity: "warning",
          message: `${JSON.stringify(expires)}: ${what} expires ${days === 0 ? "today" : `in ${days} day${days === 1 ? "" : "s"}`} (warning within ${warnDays} days); create the next one before notifications stop`,
        });
      }
    }
  },
};
