import { itemsOf } from "../../config/walk.js";
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
      if (typeof app.credential?.clientSecret !== "string") continue;
      context.report({
        path: [...path, "credential", "clientSecret"],
        message:
          "is written literally in the file: everyone who can read the file or its git history has the secret. Reference it instead with {env: NAME} or {file: PATH}, and rotate it if it was ever committed",
      });
    }
  },
};
