import { CLOUDS, type Cloud } from "../clouds.js";
import { psLiteral } from "../generate/literal.js";

/**
 * A command that signs in to Exchange Online or Microsoft Graph, sent to the tenant's cloud. Both
 * modules sign in to the commercial cloud unless told another, so a national cloud's environment is
 * named, as the generated scripts name it; the commercial cloud's commands stay as they are.
 */
export function signedInTo(command: string, cloud: Cloud): string {
  const commercial = CLOUDS.global;
  if (command.startsWith("Connect-ExchangeOnline ") && cloud.exchangeEnvironmentName !== commercial.exchangeEnvironmentName)
    return command.replace(
      "Connect-ExchangeOnline ",
      `Connect-ExchangeOnline -ExchangeEnvironmentName ${psLiteral(cloud.exchangeEnvironmentName)} `,
    );
  if (command.startsWith("Connect-MgGraph ") && cloud.graphEnvironment !== commercial.graphEnvironment)
    return command.replace("Connect-MgGraph ", `Connect-MgGraph -Environment ${psLiteral(cloud.graphEnvironment)} `);
  return command;
}
