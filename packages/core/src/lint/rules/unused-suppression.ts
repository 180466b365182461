import type { Rule } from "../rule.js";

/** Reported by the suppression pass itself (see lint/suppressions.ts); listed so it can be configured and documented. */
export const unusedSuppression: Rule = {
  meta: {
    id: "unused-suppression",
    description: "A smtpcfg-disable-next-line comment that suppresses nothing",
    defaultSeverity: "warning",
    fixable: false,
  },
};
