import type { Rule } from "../rule.js";

/** Rules for the values of a notificationSettings file: ids, scopes, TLS, hosts; in the order the docs list them. */
export const XML_SETTINGS_RULES: readonly Rule[] = [];
