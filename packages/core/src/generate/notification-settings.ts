import type { DataPath } from "../config/data-path.js";
import type { SmtpcfgConfiguration } from "../config/model.js";
import { NOTIFICATION_SETTINGS_NAMESPACE } from "../xml/vocabulary.js";
import { tenantEndpoints } from "./endpoints.js";
import { type GeneratedFrom, generatedLine } from "./header.js";
import { unwritable, xmlAttribute } from "./literal.js";
import type { GenerateProblem, OmadaTarget } from "./targets.js";

/** What a generated file holds as clientSecret unless the config asks for the secret itself: a placeholder every rule recognises. */
export const CLIENT_SECRET_PLACEHOLDER = "{{CLIENT_SECRET}}";

export type SecretMode = "placeholder" | "env" | "inline";

/** Where a client secret comes from, as the config names it. */
export type SecretReference = { env: string } | { file: string };

/** Reads a secret reference (an environment variable, or a file relative to the config): the value, or why there is none. */
export type SecretResolver = (reference: SecretReference) => { value: string } | { problem: string };

/** The attribute values generate writes for one Omada entry, in the order it writes them. */
export interface NotificationSettingsAttributes {
  network: { host: string; port: string; secureSocketOptions: string };
  azureAdClientCredentials: {
    instance: string;
    clientId: string;
    /**
     * The placeholder, or with `secret: env` or `inline` the secret itself: never print it.
     * Undefined when the secret was asked for but no resolver was given.
     */
    clientSecret?: string;
    tenantId: string;
    userName: string;
    scopes: string;
  };
  secret: SecretMode;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: GenerateProblem[] };

function clientSecret(
  target: Required<Pick<OmadaTarget, "app">> & OmadaTarget,
  mode: SecretMode,
  resolve: SecretResolver | undefined,
): Result<string | undefined> {
  if (mode === "placeholder") return { ok: true, value: CLIENT_SECRET_PLACEHOLDER };
  const { app } = target;
  const where = [...target.omada.path, "secret"];
  const secret = app.value.credential.clientSecret;
  if (secret === undefined) {
    const message = `is ${mode}, but app ${app.value.name} authenticates with a certificate: there is no client secret to write. Omada's azureAdClientCredentials take a client secret: create one for the app (01-entra-app.ps1 -NewClientSecret), reference it in the app's credential, or keep secret: placeholder and enter it in Omada`;
    return { ok: false, problems: [{ path: where, message }] };
  }
  if (mode === "inline") {
    if (typeof secret === "string") return { ok: true, value: secret };
    const message = `is inline, but app ${app.value.name}'s clientSecret is a reference, not a literal: use secret: env to write the value it refers to`;
    return { ok: false, problems: [{ path: where, message }] };
  }
  if (typeof secret === "string") {
    const message = `is env, but app ${app.value.name}'s clientSecret is written into the config, not referenced with {env: NAME} or {file: PATH}: use secret: inline, or better, reference the secret`;
    return { ok: false, problems: [{ path: where, message }] };
  }
  if (!resolve) return { ok: true, value: undefined };
  const reference: SecretReference = secret.env !== undefined ? { env: secret.env } : { file: secret.file as string };
  const resolved = resolve(reference);
  if ("problem" in resolved) {
    return { ok: false, problems: [{ path: [...app.path, "credential", "clientSecret"], message: resolved.problem }] };
  }
  return { ok: true, value: resolved.value };
}

/**
 * The notificationSettings attribute values generate writes for one Omada entry: the cloud's (or
 * the endpoints') instance, host and scope, the app's client id, the tenant, the mailbox, and the
 * client secret the entry's `secret` asks for. Without `resolve`, a secret from the environment
 * is left undefined. Problems carry the config path of the value at fault.
 */
export function notificationSettingsAttributes(
  config: SmtpcfgConfiguration,
  target: OmadaTarget,
  resolve?: SecretResolver,
): Result<NotificationSettingsAttributes> {
  const { tenant, omada, app } = target;
  if (!target.mailbox || !app) {
    const message = target.mailbox
      ? `names mailbox ${omada.value.mailbox}, whose app ${target.mailbox.value.app} is not defined in tenant ${tenant.value.name}`
      : `names no mailbox defined in tenant ${tenant.value.name}`;
    return { ok: false, problems: [{ path: [...omada.path, "mailbox"], message }] };
  }
  const endpoints = tenantEndpoints(config, tenant.value);
  const mode = omada.value.secret ?? "placeholder";
  const secret = clientSecret({ ...target, app }, mode, resolve);
  if (!secret.ok) return secret;
  const attributes: NotificationSettingsAttributes = {
    network: {
      host: endpoints.smtpHost,
      port: String(omada.value.port ?? endpoints.smtpPort ?? 587),
      secureSocketOptions: omada.value.secureSocketOptions ?? "StartTls",
    },
    azureAdClientCredentials: {
      instance: endpoints.authority,
      clientId: app.value.clientId,
      ...(secret.value === undefined ? {} : { clientSecret: secret.value }),
      tenantId: tenant.value.tenantId,
      userName: omada.value.mailbox,
      scopes: endpoints.scope,
    },
    secret: mode,
  };
  const problems = unwritableValues(target, attributes);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: attributes };
}

/** Values XML cannot carry, each reported at the config key it came from. */
function unwritableValues(target: OmadaTarget, attributes: NotificationSettingsAttributes): GenerateProblem[] {
  const { tenant, omada, app } = target;
  const credentials = attributes.azureAdClientCredentials;
  const sources: [string | undefined, DataPath][] = [
    [credentials.tenantId, [...tenant.path, "tenantId"]],
    [credentials.userName, [...omada.path, "mailbox"]],
    [credentials.clientSecret, app ? [...app.path, "credential", "clientSecret"] : omada.path],
    [credentials.instance, [...tenant.path, "endpoints", "authority"]],
    [credentials.scopes, [...tenant.path, "endpoints", "scope"]],
    [attributes.network.host, [...tenant.path, "endpoints", "smtpHost"]],
  ];
  return sources.flatMap(([value, path]) => {
    const why = value === undefined ? undefined : unwritable(value, "xml");
    // A secret's problem never quotes the secret.
    return why === undefined ? [] : [{ path, message: why }];
  });
}

/** The notificationSettings file for one Omada entry: declaration, header comment, namespace, and every value escaped. */
export function renderNotificationSettings(attributes: NotificationSettingsAttributes, from: GeneratedFrom): string {
  const { network, azureAdClientCredentials: credentials } = attributes;
  const secretNote =
    attributes.secret === "placeholder"
      ? "clientSecret is a placeholder: enter the client secret's Value in Omada, never in this file."
      : "clientSecret holds the client secret itself: keep this file out of version control.";
  if (credentials.clientSecret === undefined && attributes.secret !== "placeholder") {
    throw new Error(`clientSecret with secret: ${attributes.secret} was not resolved`);
  }
  const attribute = (name: string, value: string | undefined) => `${name}=${xmlAttribute(value ?? CLIENT_SECRET_PLACEHOLDER)}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- ${generatedLine(from)}`,
    "     Do not edit: change the config, then run smtpcfg generate again.",
    "     For Omada Identity › Setup › System settings › Configuration objects › notificationSettings.",
    `     ${secretNote} -->`,
    `<notificationSettings xmlns=${xmlAttribute(NOTIFICATION_SETTINGS_NAMESPACE)}>`,
    "  <smtp>",
    `    <network ${attribute("host", network.host)} ${attribute("port", network.port)} ${attribute("secureSocketOptions", network.secureSocketOptions)}>`,
    "      <azureAdClientCredentials",
    `        ${attribute("instance", credentials.instance)}`,
    `        ${attribute("clientId", credentials.clientId)}`,
    `        ${attribute("clientSecret", credentials.clientSecret)}`,
    `        ${attribute("tenantId", credentials.tenantId)}`,
    `        ${attribute("userName", credentials.userName)}`,
    `        ${attribute("scopes", credentials.scopes)} />`,
    "    </network>",
    "  </smtp>",
    "</notificationSettings>",
    "",
  ].join("\n");
}
