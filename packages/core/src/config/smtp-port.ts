import type { DataPath } from "./data-path.js";
import { endpointOverride } from "./endpoint-override.js";
import type { LintableConfig, LintableTenant } from "./lintable.js";
import type { Located, LocatedItem } from "./walk.js";

/** The SMTP port a client of the config uses, and where the config writes it (none: the default, 587). */
export interface SmtpPort {
  port: number;
  path?: DataPath;
}

/** The port verify connects to for a tenant: its own endpoints' smtpPort, the top-level one, or 587. */
export function endpointsPort(config: LintableConfig, tenant: Located<LintableTenant>): SmtpPort {
  const given = endpointOverride(config, tenant.value, "smtpPort");
  if (given === undefined) return { port: 587 };
  return { port: given.value, path: given.own ? [...tenant.path, "endpoints", "smtpPort"] : ["endpoints", "smtpPort"] };
}

/** The port generate writes into an Omada entry's notificationSettings: the entry's own, else its tenant's endpoints'. */
export function omadaPort(config: LintableConfig, omada: LocatedItem<"omada">): SmtpPort {
  const own = omada.value.port;
  return own === undefined ? endpointsPort(config, omada.tenant) : { port: own, path: [...omada.path, "port"] };
}

/** The paths that could have given a port but that the schema rejected: judging the port that is left would mislead. */
export function portPaths(omada: LocatedItem<"omada">): DataPath[] {
  return [
    [...omada.path, "port"],
    [...omada.tenant.path, "endpoints", "smtpPort"],
    ["endpoints", "smtpPort"],
  ];
}
