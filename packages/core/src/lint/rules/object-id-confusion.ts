import type { LintableApp } from "../../config/lintable.js";
import { itemsOf } from "../../config/walk.js";
import { sameId } from "../../text/identifiers.js";
import { attribute } from "../../xml/document.js";
import { CLIENT_CREDENTIALS, elementsNamed } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";

const WHERE_SP = "Entra ID › Enterprise applications › (the app) › Overview › Object ID";
const AADSTS700016 = "Entra answers AADSTS700016 (Application with identifier … was not found in the directory)";

const nameOf = (app: LintableApp) => app.displayName ?? app.name ?? "the app";

/** Which of an app's object ids a client id is, as the config names it. */
function objectIdOf(app: LintableApp, clientId: string): string | undefined {
  if (sameId(clientId, app.applicationObjectId)) return "the object id of its app registration (applicationObjectId in the config)";
  if (sameId(clientId, app.servicePrincipalObjectId))
    return "the object id of its service principal (servicePrincipalObjectId in the config, from Enterprise applications)";
  return undefined;
}

export const objectIdConfusion: Rule = {
  meta: {
    id: "object-id-confusion",
    description:
      "servicePrincipalObjectId equals applicationObjectId or clientId (the App vs Enterprise Object ID trap), or a notificationSettings clientId is an object id of the config (needs --config)",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    for (const { value: app, path } of itemsOf(context.config, "apps")) {
      const name = nameOf(app);
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
  }, // An object id pasted where the Application (client) ID belongs, in a notificationSettings file linted with --config.
  checkXml(context) {
    if (!context.config) return;
    const apps = [...itemsOf(context.config, "apps")].map(({ value }) => value);
    for (const credentials of elementsNamed(context.document, CLIENT_CREDENTIALS)) {
      const clientId = attribute(credentials, "clientId");
      if (!clientId) continue;
      const value = clientId.value.trim();
      for (const app of apps) {
        const which = objectIdOf(app, value);
        if (which === undefined) continue;
        const where = `Entra ID › App registrations › ${nameOf(app)} › Overview › Application (client) ID`;
        const instead = app.clientId
          ? `Use ${app.clientId}, the clientId of ${nameOf(app)} in the config (${where})`
          : `Copy it from ${where}`;
        context.report({
          ...clientId.valueSpan,
          message: `clientId ${value} is not the Application (client) ID of ${nameOf(app)} but ${which}: ${AADSTS700016}. ${instead}`,
        });
        break;
      }
    }
  },
};
