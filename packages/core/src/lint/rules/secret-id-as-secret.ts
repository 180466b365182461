import { itemsOf } from "../../config/walk.js";
import { isGuid } from "../../text/identifiers.js";
import type { Rule } from "../rule.js";

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
      if (typeof secret !== "string" || !isGuid(secret.trim())) continue;
      context.report({
        path: [...path, "credential", "clientSecret"],
        message:
          "is shaped like a GUID, so it is the secret's ID, not its value: Entra answers AADSTS7000215 (Invalid client secret provided). Use the Value column of Certificates & secrets, shown only once when the secret is created; if it is gone, create a new secret",
      });
    }
  },
};
