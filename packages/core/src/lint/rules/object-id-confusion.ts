import type { LintableApp, LintableConfig } from "../../config/lintable.js";
import { itemsOf } from "../../config/walk.js";
import { sameId } from "../../text/identifiers.js";
import { attribute } from "../../xml/document.js";
import { settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";

const WHERE_SP = "Entra ID › Enterprise applications › (the app) › Overview › Object ID";
const AADSTS700016 = "Entra answers AADSTS700016 (Application with identifier … was not found in the directory)";

const nameOf = (app: LintableApp) => app.displayName ?? app.name ?? "the app";

interface ObjectId {
  app: LintableApp;
  /** Which of the app's object ids it is, as the config names it. */
  which: string;
}

// One lint run compares every file with the same config: its object ids are gathered once.
const OBJECT_IDS = new WeakMap<LintableConfig, Map<string, ObjectId>>();

/** The config's object ids, lower-cased, with the app each belongs to (the first, when two apps share one). */
function objectIdsOf(config: LintableConfig): Map<string, ObjectId> {
  const cached = OBJECT_IDS.get(config);
  if (cached) return cached;
  const ids = new Map<string, ObjectId>();
  for (const { value: app } of itemsOf(config, "apps")) {
    const found: [string | undefined, string][] = [
      [app.applicationObjectId, "the object id of its app registration (applicationObjectId in the config)"],
      [
        app.servicePrincipalObjectId,
        "the object id of its service principal (servicePrincipalObjectId in the config, from Enterprise applications)",
      ],
    ];
    for (const [id, which] of found) {
      const key = id?.toLowerCase();
      if (key !== undefined && !ids.has(key)) ids.set(key, { app, which });
    }
  }
  OBJECT_IDS.set(config, ids);
  return ids;
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
    const objectIds = objectIdsOf(context.config);
    if (objectIds.size === 0) return;
    for (const credentials of settingsElements(context.document).credentials) {
      const clientId = attribute(credentials, "clientId");
      const value = clientId?.value.trim();
      const found = value === undefined ? undefined : objectIds.get(value.toLowerCase());
      if (!clientId || !found) continue;
      const { app, which } = found;
      const where = `Entra ID › App registrations › ${nameOf(app)} › Overview › Application (client) ID`;
      const instead = app.clientId
        ? `Use ${app.clientId}, the clientId of ${nameOf(app)} in the config (${where})`
        : `Copy it from ${where}`;
      context.report({
        ...clientId.valueSpan,
        message: `clientId ${value} is not the Application (client) ID of ${nameOf(app)} but ${which}: ${AADSTS700016}. ${instead}`,
      });
    }
  },
};
