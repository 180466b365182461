import { itemsOf } from "../../config/walk.js";
import { isGuid } from "../../text/identifiers.js";
import type { Rule } from "../rule.js";

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
      if (typeof secret !== "string" || isGuid(secret.trim())) continue;
      context.report({
        path: [...path, "credential", "clientSecret"],
        message:
          "is written literally in the file: everyone who can read the file or its git history has the secret. Reference it instead with {env: NAME} or {file: PATH}, and rotate it if it was ever committed",
      });
    }
  },
};
