import type { Fix } from "../../diagnostic.js";
import { isCmdlet, NEW_SERVICE_PRINCIPAL, parametersNamed } from "../../powershell/cmdlets.js";
import type { PowerShellParameter } from "../../powershell/script.js";
import type { Rule } from "../rule.js";

const REFERENCE = '(its reference says "This parameter is being deprecated. Use the ObjectId parameter instead.")';
const VALUE = "the object id of the enterprise application (the service principal), not of the app registration";

/** `-ServiceId` → `-ObjectId`; in a splatted hashtable, the key, keeping its quotes. */
function renamed(parameter: PowerShellParameter, text: string): Fix {
  const written = text.slice(parameter.span.start, parameter.span.end);
  const replacement = parameter.splat ? written.replace(/^(['"]?)[^'"]*(['"]?)$/, "$1ObjectId$2") : "-ObjectId";
  return { offset: parameter.span.start, length: parameter.span.end - parameter.span.start, text: replacement };
}

export const newServicePrincipalServiceId: Rule = {
  meta: {
    id: "new-serviceprincipal-serviceid",
    description: "New-ServicePrincipal with the deprecated -ServiceId instead of -ObjectId",
    defaultSeverity: "warning",
    fixable: true,
  },
  checkPowerShell({ script, report }) {
    const reported = new Set<number>();
    for (const command of script.commands) {
      if (!isCmdlet(command, NEW_SERVICE_PRINCIPAL)) continue;
      const hasObjectId = parametersNamed(command, NEW_SERVICE_PRINCIPAL, "ObjectId").length > 0;
      for (const parameter of parametersNamed(command, NEW_SERVICE_PRINCIPAL, "ServiceId")) {
        // A hashtable splatted into several commands is reported once, at its key.
        if (reported.has(parameter.span.start)) continue;
        reported.add(parameter.span.start);
        const { splat } = parameter;
        const deprecated = splat
          ? `the key ${parameter.name} of ${splat.variable} is passed to New-ServicePrincipal as -ServiceId, which is deprecated ${REFERENCE}`
          : `-ServiceId is deprecated on New-ServicePrincipal ${REFERENCE}`;
        if (hasObjectId) {
          report({
            start: parameter.span.start,
            end: parameter.span.end,
            message: `${deprecated}, and the command has -ObjectId as well; remove ${splat ? "the key" : "-ServiceId"} and keep -ObjectId, with ${VALUE}`,
          });
          continue;
        }
        // Renaming a key of a hashtable that other commands splat too would change them as well.
        const shared = splat !== undefined && splat.uses > 1;
        const todo = splat
          ? `rename the key to ObjectId${shared ? ` (not done by --fix: ${splat.uses} commands splat ${splat.variable})` : ""}`
          : "write -ObjectId with the same value";
        report({
          start: parameter.span.start,
          end: parameter.span.end,
          message: `${deprecated}; ${todo}: ${VALUE}`,
          ...(shared ? {} : { fix: renamed(parameter, script.text) }),
        });
      }
    }
  },
};
