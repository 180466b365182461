import { itemsOf } from "../../config/walk.js";
import { isGuid } from "../../text/identifiers.js";
import { attribute } from "../../xml/document.js";
import { settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";

/** Whether a literal client secret is shaped like a GUID: the secret's ID, not its value. Shared with inline-secret, which leaves these alone. */
export function isSecretId(secret: string): boolean {
  return isGuid(secret.trim());
}

const MESSAGE =
  "is shaped like a GUID, so it is the secret's ID, not its value: Entra answers AADSTS7000215 (Invalid client secret provided). Use the Value column of Certificates & secrets, shown only once when the secret is created; if it is gone, create a new secret";

export const secretIdAsSecret: Rule = {
  meta: {
    id: "secret-id-as-secret",
    description: "A literal client secret shaped like a GUID: that is the secret ID, not its value",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    for (const { value: app, path } of itemsOf(context.config, "apps")) {
      const secret = app.credential?.clientSecret;
      if (typeof secret !== "string" || !isSecretId(secret)) continue;
      context.report({ path: [...path, "credential", "clientSecret"], message: MESSAGE });
    }
  },
  checkXml(context) {
    for (const credentials of settingsElements(context.document).credentials) {
      const secret = attribute(credentials, "clientSecret");
      // The ID is no secret, but it is not quoted either: the message says all there is to say.
      if (secret && isSecretId(secret.value)) context.report({ ...secret.valueSpan, message: `clientSecret ${MESSAGE}` });
    }
  },
};
