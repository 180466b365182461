import type { Rule } from "../rule.js";

/** Reported by schema validation (see config/schema-diagnostics.ts); listed so it can be configured and documented. */
export const schema: Rule = {
  meta: {
    id: "schema",
    description: "Values that do not match schemas/smtpcfg.schema.json",
    defaultSeverity: "error",
    fixable: false,
  },
};
