import { itemsOf } from "../../config/walk.js";
import type { Rule } from "../rule.js";

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_WARN_DAYS = 30;

/** Midnight UTC of a YYYY-MM-DD date, or undefined for a date that is not in the calendar (2027-02-31). */
function dayOf(date: string): number | undefined {
  const time = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 2027-02-31 over to 2027-03-03 instead of refusing it.
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date ? undefined : time;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export const secretExpiry: Rule = {
  meta: {
    id: "secret-expiry",
    description: "A client secret or certificate that has expired (error) or expires soon (warning)",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    const warnDays = typeof context.options.warnDays === "number" ? context.options.warnDays : DEFAULT_WARN_DAYS;
    const today = dayOf(context.today);
    if (today === undefined) throw new Error(`secret-expiry: today is not a YYYY-MM-DD date: ${context.today}`);
    for (const { value: app, path } of itemsOf(context.config, "apps")) {
      const expires = app.credential?.expires;
      if (expires === undefined) continue;
      const certificate = app.credential?.certificate !== undefined;
      const what = certificate ? "the certificate" : "the client secret";
      const expiresPath = [...path, "credential", "expires"];
      const day = dayOf(expires);
      // The schema's date format rejects days that do not exist (2027-02-31): that is its finding.
      if (day === undefined) continue;
      const days = Math.round((day - today) / DAY_MS);
      if (days < 0) {
        const refusal = certificate ? "Entra refuses tokens for it" : "Entra refuses it (AADSTS7000222)";
        context.report({
          path: expiresPath,
          message: `${JSON.stringify(expires)}: ${what} expired ${plural(-days, "day")} ago; ${refusal} and notifications stop silently. Create a new one, update the reference, then change this date`,
        });
      } else if (days <= warnDays) {
        context.report({
          path: expiresPath,
          severity: "warning",
          message: `${JSON.stringify(expires)}: ${what} expires ${days === 0 ? "today" : `in ${plural(days, "day")}`} (warning within ${plural(warnDays, "day")}); create the next one before notifications stop`,
        });
      }
    }
  },
};
