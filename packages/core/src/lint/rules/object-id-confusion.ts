import { itemsOf } from "../../config/walk.js";
import { sameId } from "../../text/identifiers.js";
import type { Rule } from "../rule.js";

const WHERE_SP = "Entra ID › Enterprise applications › (the app) › Overview › Object ID";

export const objectIdConfusion: Rule = {
  meta: {
    id: "object-id-confusion",
    description: "servicePrincipalObjectId equals applicationObjectId or clientId: the App vs Enterprise Object ID trap",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    for (const { value: app, path } of itemsOf(context.config, "apps")) {
      const name = app.displayName ?? app.name ?? "the app";
      const where = WHERE_SP.replace("(the app)", name);
      const sp = app.servicePrincipalObjectId;
      if (sameId(sp, app.applicationObjectId)) {
        context.report({
          path: [...path, "servicePrincipalObjectId"],
          message: `is the same as applicationObjectId, the App registration's object id; New-ServicePrincipal -ObjectId needs the service principal's object id, and with the wrong one Exchange answers only "535 5.7.3 Authentication unsuccessful". Copy it from ${where}`,
        });
      } else if (sameId(sp, app.clientId)) {
        context.report({
          path: [...path, "servicePrincipalObjectId"],
          message: `is the same as clientId, the Application (client) ID; New-ServicePrincipal -ObjectId needs the service principal's object id. Copy it from ${where}`,
        });
      }
      if (sameId(app.applicationObjectId, app.clientId)) {
        context.report({
          path: [...path, "applicationObjectId"],
          message:
            "is the same as clientId; the object id is the other GUID on App registrations › Overview (Object ID, not Application (client) ID)",
        });
      }
    }
  },
};
