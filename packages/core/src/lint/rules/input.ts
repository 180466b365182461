import type { Rule } from "../rule.js";

/** Reported when a file is read (see source.ts), before any parser sees it; listed so it can be looked up and documented. */
export const input: Rule = {
  meta: {
    id: "input",
    description: "A file that is not text smtpcfg can read: not UTF-8 or UTF-16, binary, or over 10 MiB",
    defaultSeverity: "error",
    fixable: false,
  },
};
