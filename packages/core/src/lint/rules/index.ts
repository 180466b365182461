import type { Rule } from "../rule.js";
import { cloudConsistency } from "./cloud-consistency.js";
import { duplicateName } from "./duplicate-name.js";
import { inlineSecret } from "./inline-secret.js";
import { input } from "./input.js";
import { mailboxAccess } from "./mailbox-access.js";
import { objectIdConfusion } from "./object-id-confusion.js";
import { POWERSHELL_RULES } from "./powershell.js";
import { schema } from "./schema.js";
import { secretExpiry } from "./secret-expiry.js";
import { secretIdAsSecret } from "./secret-id-as-secret.js";
import { tenantIdFormat } from "./tenant-id-format.js";
import { unknownReference } from "./unknown-reference.js";
import { unusedSuppression } from "./unused-suppression.js";
import { XML_SETTINGS_RULES } from "./xml-settings.js";
import { XML_STRUCTURE_RULES } from "./xml-structure.js";
import { yamlSyntax } from "./yaml-syntax.js";

/** Every rule, in the order the docs list them. */
export const RULES: readonly Rule[] = [
  input,
  yamlSyntax,
  schema,
  objectIdConfusion,
  unknownReference,
  mailboxAccess,
  duplicateName,
  inlineSecret,
  secretIdAsSecret,
  secretExpiry,
  tenantIdFormat,
  cloudConsistency,
  ...XML_STRUCTURE_RULES,
  ...XML_SETTINGS_RULES,
  ...POWERSHELL_RULES,
  unusedSuppression,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
