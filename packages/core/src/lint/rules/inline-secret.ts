import { itemsOf } from "../../config/walk.js";
import { isPlaceholder } from "../../text/placeholder.js";
import { attribute } from "../../xml/document.js";
import { settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";
import { isSecretId } from "./secret-id-as-secret.js";

const WHY = "is written literally in the file: everyone who can read the file or its git history has the secret.";

export const inlineSecret: Rule = {
  meta: {
    id: "inline-secret",
    description: "A client secret written literally into the file",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    for (const { value: app, path } of itemsOf(context.config, "apps")) {
      const secret = app.credential?.clientSecret;
      // A GUID is the secret's ID, which is no secret: secret-id-as-secret reports that mistake.
      if (typeof secret !== "string" || isSecretId(secret)) continue;
      context.report({
        path: [...path, "credential", "clientSecret"],
        message: `${WHY} Reference it instead with {env: NAME} or {file: PATH}, and rotate it if it was ever committed`,
      });
    }
  },
  checkXml(context) {
    for (const credentials of settingsElements(context.document).credentials) {
      const secret = attribute(credentials, "clientSecret");
      // A placeholder is what a committed notificationSettings file should hold: the value is set in Omada itself.
      if (!secret || isPlaceholder(secret.value) || isSecretId(secret.value)) continue;
      context.report({
        ...secret.valueSpan,
        severity: "warning",
        message: `clientSecret ${WHY} Keep the value only in Omada's notificationSettings configuration object, commit the file with a placeholder such as clientSecret="{{CLIENT_SECRET}}", and rotate the secret if it was ever committed`,
      });
    }
  },
};
