import { join, relative, resolve, sep } from "node:path";
import type { DataPath } from "../config/data-path.js";
import type { SmtpcfgConfiguration } from "../config/model.js";
import { type EntraApp, renderEntraScript } from "./entra-script.js";
import { renderExchangeScript } from "./exchange-script.js";
import type { GeneratedFrom } from "./header.js";
import { unwritable } from "./literal.js";
import { unsafeName } from "./names.js";
import { notificationSettingsAttributes, renderNotificationSettings, type SecretResolver } from "./notification-settings.js";
import { type GenerateProblem, type TenantTargets, tenantTargets } from "./targets.js";

export const GENERATE_KINDS = ["entra", "exchange", "omada"] as const;
export type GenerateKind = (typeof GENERATE_KINDS)[number];

export const ENTRA_SCRIPT = "01-entra-app.ps1";
export const EXCHANGE_SCRIPT = "02-exchange-online.ps1";
export const NOTIFICATION_SETTINGS_SUFFIX = ".notificationSettings.xml";

/**
 * The kind of file a name in a tenant folder is, when it is one generate writes: a
 * notificationSettings file only when what comes before the suffix could be an Omada name
 * (`prod.old.notificationSettings.xml` is someone's copy, never generate's).
 */
export function generatedKind(fileName: string): GenerateKind | undefined {
  if (fileName === ENTRA_SCRIPT) return "entra";
  if (fileName === EXCHANGE_SCRIPT) return "exchange";
  if (fileName.endsWith(NOTIFICATION_SETTINGS_SUFFIX) && unsafeName(fileName.slice(0, -NOTIFICATION_SETTINGS_SUFFIX.length)) === undefined)
    return "omada";
  return undefined;
}

export interface GenerateOptions {
  /** The config's name and hash, for every file's header. */
  from: GeneratedFrom;
  /** Absolute folder of the config: certificate files are relative to it. */
  configDir: string;
  /** Absolute output folder: scripts read certificate files relative to their own folder in it. */
  outDir: string;
  /** Only these tenants (all when absent). */
  tenants?: readonly string[];
  /** Only these kinds of file (all when absent). */
  only?: readonly GenerateKind[];
  /** Reads the secrets that `secret: env` asks for; without it such files are problems. */
  resolveSecret?: SecretResolver;
}

export interface GeneratedFile {
  /** Relative to the output folder, `/`-separated: `contoso/01-entra-app.ps1`. */
  path: string;
  kind: GenerateKind;
  tenant: string;
  text: string;
  /** Holds a client secret (the Omada entry's `secret` is env or inline): to be written with mode 0600, and never printed. */
  secret?: "env" | "inline";
}

export interface GenerateResult {
  files: GeneratedFile[];
  problems: GenerateProblem[];
}

/** Values that go into the scripts and that a script cannot carry, at their config paths. */
function scriptProblems(targets: TenantTargets): GenerateProblem[] {
  const values: [string | undefined, DataPath][] = [
    [targets.tenant.value.tenantId, [...targets.tenant.path, "tenantId"]],
    ...targets.apps.flatMap((app): [string | undefined, DataPath][] => [
      [app.value.displayName, [...app.path, "displayName"]],
      [app.value.credential.certificate?.certificateFile, [...app.path, "credential", "certificate", "certificateFile"]],
    ]),
    ...targets.mailboxes.map((mailbox): [string | undefined, DataPath] => [mailbox.value.address, [...mailbox.path, "address"]]),
  ];
  return values.flatMap(([value, path]) => {
    const why = value === undefined ? undefined : unwritable(value, "powershell");
    return why === undefined ? [] : [{ path, message: why }];
  });
}

function entraApps(targets: TenantTargets, options: GenerateOptions): EntraApp[] {
  const tenantDir = join(options.outDir, targets.tenant.value.name);
  return targets.apps.map((app) => {
    const certificate = app.value.credential.certificate;
    const usedByOmada = targets.omada.some((omada) => omada.app === app);
    const certificateFile =
      certificate === undefined
        ? undefined
        : relative(tenantDir, resolve(options.configDir, certificate.certificateFile)).split(sep).join("/");
    return {
      app,
      needsClientSecret: app.value.credential.clientSecret !== undefined || usedByOmada,
      ...(certificateFile === undefined ? {} : { certificateFile }),
    };
  });
}

function tenantFiles(targets: TenantTargets, options: GenerateOptions, config: SmtpcfgConfiguration): GenerateResult {
  const name = targets.tenant.value.name;
  const wanted = (kind: GenerateKind) => options.only === undefined || options.only.includes(kind);
  const problems: GenerateProblem[] = [];
  const files: GeneratedFile[] = [];
  const nameProblem = unsafeName(name);
  if (nameProblem) return { files, problems: [{ path: [...targets.tenant.path, "name"], message: nameProblem }] };

  if (targets.apps.length > 0 && (wanted("entra") || wanted("exchange"))) {
    const found = scriptProblems(targets);
    problems.push(...found);
    if (found.length === 0 && wanted("entra")) {
      const text = renderEntraScript(targets, entraApps(targets, options), options.from);
      files.push({ path: `${name}/${ENTRA_SCRIPT}`, kind: "entra", tenant: name, text });
    }
    if (found.length === 0 && wanted("exchange")) {
      files.push({
        path: `${name}/${EXCHANGE_SCRIPT}`,
        kind: "exchange",
        tenant: name,
        text: renderExchangeScript(targets, options.from),
      });
    }
  }

  if (wanted("omada")) {
    const written = new Set<string>();
    for (const target of targets.omada) {
      const omadaName = target.omada.value.name;
      const unsafe = unsafeName(omadaName);
      if (unsafe) {
        problems.push({ path: [...target.omada.path, "name"], message: unsafe });
        continue;
      }
      const path = `${name}/${omadaName}${NOTIFICATION_SETTINGS_SUFFIX}`;
      if (written.has(path)) {
        problems.push({
          path: [...target.omada.path, "name"],
          message: `names a second Omada entry ${omadaName} in tenant ${name}: both would write ${path}`,
        });
        continue;
      }
      written.add(path);
      const attributes = notificationSettingsAttributes(config, target, options.resolveSecret);
      if (!attributes.ok) {
        problems.push(...attributes.problems);
        continue;
      }
      if (attributes.value.secret !== "placeholder" && attributes.value.azureAdClientCredentials.clientSecret === undefined) {
        problems.push({ path: [...target.omada.path, "secret"], message: `is ${attributes.value.secret}, and no secret could be read` });
        continue;
      }
      const text = renderNotificationSettings(attributes.value, options.from);
      const { secret } = attributes.value;
      files.push({ path, kind: "omada", tenant: name, text, ...(secret === "placeholder" ? {} : { secret }) });
    }
  }
  return { files, problems };
}

/**
 * Everything generate writes for a valid config, as text, in a fixed order: per tenant the Entra
 * script, the Exchange Online script and one notificationSettings file per Omada entry. Pure: the
 * same config and options give the same bytes. Problems (a value a file cannot carry, a secret
 * that cannot be read) come with their config path; files with problems are left out.
 */
export function generate(config: SmtpcfgConfiguration, options: GenerateOptions): GenerateResult {
  const files: GeneratedFile[] = [];
  const problems: GenerateProblem[] = [];
  const seen = new Set<string>();
  config.tenants.forEach((tenant, index) => {
    if (options.tenants !== undefined && !options.tenants.includes(tenant.name)) return;
    if (seen.has(tenant.name)) {
      problems.push({
        path: ["tenants", index, "name"],
        message: `names a second tenant ${tenant.name}: both would write the folder ${tenant.name}/`,
      });
      return;
    }
    seen.add(tenant.name);
    const result = tenantFiles(tenantTargets(tenant, index), options, config);
    files.push(...result.files);
    problems.push(...result.problems);
  });
  return { files, problems };
}
