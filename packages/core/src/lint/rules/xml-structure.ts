import type { Rule } from "../rule.js";

/** Rules for the shape of a notificationSettings file: well-formedness, elements, attributes; in the order the docs list them. */
export const XML_STRUCTURE_RULES: readonly Rule[] = [];
