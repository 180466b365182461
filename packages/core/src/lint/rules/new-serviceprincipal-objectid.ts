import type { LintableApp } from "../../config/lintable.js";
import { itemsOf } from "../../config/walk.js";
import { isCmdlet, NEW_SERVICE_PRINCIPAL, parametersNamed } from "../../powershell/cmdlets.js";
import type { PowerShellArgument } from "../../powershell/script.js";
import { isGuid, sameId } from "../../text/identifiers.js";
import { LineIndex } from "../../text/line-index.js";
import type { Rule } from "../rule.js";

const ENTERPRISE_APPS = "Entra ID › Enterprise applications › (the app) › Overview › Object ID";
const TRAP = `New-ServicePrincipal accepts it, and SMTP AUTH then fails with nothing but "535 5.7.3 Authentication unsuccessful"`;
const ANY_ENTERPRISE_APP = "Entra ID › Enterprise applications › (the app) › Overview › Object ID";

interface App {
  name: string;
  app: LintableApp;
}

const nameOf = (app: LintableApp) => app.displayName ?? app.name ?? "the app";
const where = (app: App) => ENTERPRISE_APPS.replace("(the app)", app.name);
/** The right value, when the config has it. */
const instead = (app: App) =>
  app.app.servicePrincipalObjectId
    ? `use ${app.app.servicePrincipalObjectId}, the servicePrincipalObjectId of ${app.name} in the config (${where(app)})`
    : `use the object id from ${where(app)}`;

export const newServicePrincipalObjectId: Rule = {
  meta: {
    id: "new-serviceprincipal-objectid",
    description:
      "New-ServicePrincipal -ObjectId given the app registration's object id or client id, or an id the config does not know (needs --config)",
    defaultSeverity: "error",
    fixable: false,
  },
  checkPowerShell({ script, config, report }) {
    if (!config) return;
    const apps: App[] = [...itemsOf(config, "apps")].map(({ value }) => ({ name: nameOf(value), app: value }));
    const knowsServicePrincipals = apps.some(({ app }) => app.servicePrincipalObjectId);
    const lines = new LineIndex(script.text);
    const shown = (argument: PowerShellArgument, parameter: string) =>
      argument.constant
        ? `-${parameter} ${argument.constant.variable} (${argument.text}, set on line ${lines.position(argument.constant.definition.start).line})`
        : `-${parameter} ${argument.text}`;

    for (const command of script.commands) {
      if (!isCmdlet(command, NEW_SERVICE_PRINCIPAL)) continue;
      const appId = parametersNamed(command, NEW_SERVICE_PRINCIPAL, "AppId")[0]?.argument;
      const appOfCommand = appId?.literal ? apps.find(({ app }) => sameId(app.clientId, appId.text)) : undefined;
      // -ServiceId, deprecated, takes the same object id.
      const objectIds = [
        ...parametersNamed(command, NEW_SERVICE_PRINCIPAL, "ObjectId").map((p) => ({ p, name: "ObjectId" })),
        ...parametersNamed(command, NEW_SERVICE_PRINCIPAL, "ServiceId").map((p) => ({ p, name: "ServiceId" })),
      ];
      for (const { p: parameter, name } of objectIds) {
        const argument = parameter.argument;
        if (!argument?.literal || !isGuid(argument.text)) continue;
        const value = argument.text;
        const at = { start: argument.span.start, end: argument.span.end };
        const registration = apps.find(({ app }) => sameId(app.applicationObjectId, value));
        if (registration) {
          report({
            ...at,
            message: `${shown(argument, name)} is the object id of the app registration of ${registration.name} (applicationObjectId in the config, from App registrations › Overview), not of its service principal: ${TRAP}; ${instead(registration)}`,
          });
          continue;
        }
        const client = apps.find(({ app }) => sameId(app.clientId, value));
        if (client) {
          report({
            ...at,
            message: `${shown(argument, name)} is the Application (client) ID of ${client.name} (clientId in the config), which goes in -AppId; -${name} needs the object id of its service principal: ${TRAP}; ${instead(client)}`,
          });
          continue;
        }
        if (!knowsServicePrincipals) continue;
        const owner = apps.find(({ app }) => sameId(app.servicePrincipalObjectId, value));
        if (owner && appOfCommand && owner !== appOfCommand) {
          report({
            ...at,
            severity: "warning",
            message: `${shown(argument, name)} is the service principal of ${owner.name} in the config, but -AppId is the client id of ${appOfCommand.name}: this pairs one app with another app's service principal; ${instead(appOfCommand)}`,
          });
        } else if (!owner) {
          const expected = appOfCommand?.app.servicePrincipalObjectId
            ? `; the config gives ${appOfCommand.name} (the app of -AppId) the service principal ${appOfCommand.app.servicePrincipalObjectId}`
            : "";
          report({
            ...at,
            severity: "warning",
            message: `${shown(argument, name)} is not a servicePrincipalObjectId of the config${expected}: compare both with ${ANY_ENTERPRISE_APP}, and correct the one that is wrong`,
          });
        }
      }
    }
  },
};
