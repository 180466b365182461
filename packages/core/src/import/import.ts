import { isDeepStrictEqual } from "node:util";
import { loadConfig } from "../config/load.js";
import type { Omada, SmtpcfgConfiguration, Tenant } from "../config/model.js";
import { PROJECT_URL } from "../docs-url.js";
import { fileKind } from "../lint/kinds.js";
import { lintConfig } from "../lint/lint-config.js";
import type { SourceText } from "../source.js";
import { isGuid } from "../text/identifiers.js";
import { LineIndex } from "../text/line-index.js";
import { isPlaceholder } from "../text/placeholder.js";
import { shellWord } from "../text/shell-word.js";
import { attribute, type Span, type XmlDocument, type XmlElement } from "../xml/document.js";
import { networkOf, portNumber, quoteValue, settingsElements } from "../xml/notification-settings.js";
import { parseXml } from "../xml/parse.js";
import { endpointOverrides, inferCloud } from "./cloud.js";
import { isSlug, secretVariableOf, slugOf, tenantNameOf } from "./names.js";
import { yamlText } from "./yaml-text.js";

export interface ImportOptions {
  /** The tenant's name in the config; made from the tenant id or the mailbox's domain when not given. */
  tenantName?: string;
}

export interface ImportProblem {
  /** unreadable: not well-formed (lint --fix repairs most); usage: a bad option; invalid: values no config can hold. */
  kind: "unreadable" | "usage" | "invalid";
  message: string;
}

export type ImportResult =
  | {
      ok: true;
      config: SmtpcfgConfiguration;
      /** The config as YAML, with a header of comments that say what to check. Never holds the client secret. */
      text: string;
      /** What the header says, one sentence each. */
      notes: string[];
    }
  | { ok: false; problems: ImportProblem[] };

export const SCHEMA_URL = `${PROJECT_URL}/raw/main/schemas/smtpcfg.schema.json`;
const APP_NAME = "omada-smtp";
const MODES = ["None", "Auto", "SslOnConnect", "StartTls", "StartTlsWhenAvailable"] as const;
type Mode = (typeof MODES)[number];

const baseName = (file: string) => file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);

/** The first mistake that keeps the file from being read as XML, with where it is. */
function unreadable(document: XmlDocument): { message: string; span: Span } | undefined {
  const { declaration } = document;
  if (declaration?.problem) return { message: `the XML declaration ${declaration.problem.message}`, span: declaration.span };
  if (declaration?.notAtStart)
    return { message: "the XML declaration is not at the very start of the file", span: declaration.notAtStart.span };
  // Never read past: what its entities stand for is not imported, and a reader that expanded them could be made to fetch files.
  if (document.doctype)
    return {
      message: "the file has a <!DOCTYPE>, which a notificationSettings file never needs (smtpcfg lint explains it)",
      span: document.doctype,
    };
  const asText = document.attributesAsText[0];
  if (asText) return { message: `attributes of ${asText.element.name} are written after its start tag's >, as text`, span: asText.span };
  if (document.syntaxError) return { message: document.syntaxError.message, span: document.syntaxError.span };
  if (!document.root) return { message: "there is no root element", span: { start: 0, end: 0 } };
  return undefined;
}

/** An attribute's value without surrounding whitespace, when the attribute is there. */
const valueIn = (element: XmlElement | undefined, name: string) => (element ? attribute(element, name)?.value.trim() : undefined);

/** The name of the Omada entry: the file's name without `.notificationSettings.xml`, as generate names its files. */
function omadaNameOf(file: string): string | undefined {
  const stem = baseName(file).replace(/(\.notificationSettings)?\.xml$/i, "");
  const slug = slugOf(stem);
  return slug === undefined || slug === "notificationsettings" ? undefined : slug;
}

/**
 * A config that generate turns back into the same notificationSettings (semantically: the same
 * values, the placeholder for the client secret), made of an Omada notificationSettings file. The
 * client secret is never copied: the app reads it from an environment variable. Values the file
 * does not hold are smtpcfg's defaults or marked placeholders, and the header says which.
 */
export function importNotificationSettings(source: SourceText, options: ImportOptions = {}): ImportResult {
  const file = source.file;
  if (options.tenantName !== undefined && !isSlug(options.tenantName)) {
    const message = `--tenant-name ${quoteValue(options.tenantName)} is not a name the config takes: lower-case letters, digits and dashes, starting with a letter or digit, at most 63, and no device name of Windows (con, prn, aux, nul, com0 to com9, lpt0 to lpt9)`;
    return { ok: false, problems: [{ kind: "usage", message }] };
  }
  const document = parseXml(source.text);
  const broken = unreadable(document);
  if (broken) {
    const { line, column } = new LineIndex(source.text).position(broken.span.start);
    // A config or a script named here is not a broken notificationSettings file: lint --fix would not read it as XML.
    const message =
      fileKind(file, source.text) === "xml"
        ? `${file}:${line}:${column}: ${broken.message}, so it cannot be imported. Run smtpcfg lint ${shellWord(file)} --fix first (it repairs the mistakes people make most, such as those of the sample in Omada's guide), then smtpcfg lint ${shellWord(file)} for what is left`
        : `${file} cannot be imported: smtpcfg import takes an Omada notificationSettings XML file (.xml), and ${file} is not one by its name or its first character; name that file instead`;
    return { ok: false, problems: [{ kind: "unreadable", message }] };
  }
  const { credentials } = settingsElements(document);
  const first = credentials[0];
  if (!first) {
    const message = `${file} has no azureAdClientCredentials element: smtpcfg describes Omada sending with OAuth2 client credentials, and there are none to import`;
    return { ok: false, problems: [{ kind: "invalid", message }] };
  }
  const missing = ["clientId", "tenantId", "userName"].filter((name) => !valueIn(first, name));
  if (missing.length > 0) {
    const message = `${file}: azureAdClientCredentials has no ${missing.join(", no ")}, which the config needs; write ${missing.length === 1 ? "it" : "them"} into the file (smtpcfg lint ${shellWord(file)} shows where), then import it again`;
    return { ok: false, problems: [{ kind: "invalid", message }] };
  }
  return build(source, options, first, credentials.length);
}

function build(source: SourceText, options: ImportOptions, credentials: XmlElement, count: number): ImportResult {
  const file = source.file;
  const network = networkOf(credentials);
  const clientId = valueIn(credentials, "clientId") as string;
  const tenantId = valueIn(credentials, "tenantId") as string;
  const userName = valueIn(credentials, "userName") as string;
  const written = {
    ...optional("instance", valueIn(credentials, "instance")),
    ...optional("host", valueIn(network, "host")),
    ...optional("scopes", valueIn(credentials, "scopes")),
  };
  const cloud = inferCloud(written);
  const endpoints = endpointOverrides(cloud, written);
  const notes: string[] = [];

  const derived = tenantNameOf(tenantId, userName);
  const tenantName = options.tenantName ?? derived?.name ?? "tenant";
  if (options.tenantName === undefined) {
    notes.push(
      derived
        ? `tenants[0].name ${quoteValue(tenantName)} was made from ${quoteValue(derived.from)}: rename it if you call the tenant otherwise (or import again with --tenant-name NAME).`
        : `tenants[0].name "tenant" is a placeholder: rename it (or import again with --tenant-name NAME).`,
    );
  }
  const omadaName = omadaNameOf(file) ?? "omada";
  notes.push(
    omadaName === "omada"
      ? `tenants[0].omada[0].name "omada" is a placeholder: name the Omada environment (prod, test, …).`
      : `tenants[0].omada[0].name ${quoteValue(omadaName)} was made from the file's name.`,
  );
  const hosts = Object.keys(written).length > 0;
  notes.push(
    hosts
      ? `cloud ${cloud.name} was inferred from the file's endpoints${cloud.name === "global" ? " (a GCC tenant has the same ones: write cloud: gcc for it)" : ""}${Object.keys(endpoints).length > 0 ? "; endpoints keeps the values that are not the cloud's own" : ""}.`
      : "cloud global is a guess: the file names no instance, host or scopes.",
  );

  const omada: Omada = { name: omadaName, mailbox: userName, secureSocketOptions: modeOf(valueIn(network, "secureSocketOptions"), notes) };
  const portText = valueIn(network, "port");
  const port = portNumber(portText);
  if (port !== undefined && port !== 587) omada.port = port;
  if (portText !== undefined && port === undefined)
    notes.push(`port ${quoteValue(portText)} is no port number: the config leaves the port to generate's default, 587.`);

  const variable = secretVariableOf(tenantName);
  notes.push(secretNote(valueIn(credentials, "clientSecret"), variable));
  notes.push(
    "Add displayName, applicationObjectId and servicePrincipalObjectId (Entra ID › App registrations and Enterprise applications › Overview) and credential.expires: lint checks them, generate uses them. The app's name and the mailbox's access and smtpClientAuth are smtpcfg's usual values: the file does not say.",
  );
  if (count > 1) notes.push(`${file} has ${count} azureAdClientCredentials elements: only the first was imported.`);

  const tenant: Tenant = {
    name: tenantName,
    tenantId,
    cloud: cloud.name,
    ...(Object.keys(endpoints).length > 0 ? { endpoints } : {}),
    apps: [{ name: APP_NAME, clientId, credential: { clientSecret: { env: variable } } }],
    mailboxes: [{ address: userName, app: APP_NAME, access: ["FullAccess"], smtpClientAuth: "enabled" }],
    omada: [omada],
  };
  const config: SmtpcfgConfiguration = { version: 1, tenants: [tenant] };
  return checked(source, config, notes);
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

function modeOf(written: string | undefined, notes: string[]): Mode {
  const mode = MODES.find((candidate) => candidate.toLowerCase() === written?.toLowerCase());
  if (mode !== undefined) return mode;
  notes.push(
    written === undefined
      ? "The file has no secureSocketOptions, so Omada used StartTlsWhenAvailable, which goes on without TLS when STARTTLS is stripped: the config asks for StartTls."
      : `secureSocketOptions ${quoteValue(written)} is no mode Omada knows: the config asks for StartTls.`,
  );
  return "StartTls";
}

/** What to do about the secret; never the secret itself. */
function secretNote(secret: string | undefined, variable: string): string {
  const store = `put the client secret's Value in the environment variable ${variable} where smtpcfg generate (secret: env) runs, or reference a file with clientSecret: { file: PATH }`;
  if (secret === undefined || isPlaceholder(secret)) return `The client secret is entered in Omada, not in the file: ${store}.`;
  if (isGuid(secret))
    return `The file's clientSecret is shaped like a GUID: the secret's ID, not its value (Entra answers AADSTS7000215). It was not copied: ${store}.`;
  return `The file's clientSecret was not copied into the config, and this output does not show it: ${store}; keep it out of the file too, as a placeholder such as {{CLIENT_SECRET}}.`;
}

const WIDTH = 98;

/** A comment's text in lines of at most WIDTH characters where it has spaces to break at; the lines after the first indented. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The config as text, checked: it reads back as the same data, and lint finds no error in it. */
function checked(source: SourceText, config: SmtpcfgConfiguration, notes: string[]): ImportResult {
  const header = [
    `yaml-language-server: $schema=${SCHEMA_URL}`,
    `Imported by smtpcfg import from ${baseName(source.file)}. Check before you use it:`,
    ...notes.flatMap((note) => wrap(`- ${note.replace(/\s+/g, " ")}`, "  ")),
  ];
  const text = yamlText(config as unknown as Parameters<typeof yamlText>[0], header);
  const imported = { file: "smtpcfg.yaml", text, bom: false };
  const data = loadConfig(imported).yaml?.data;
  if (!isDeepStrictEqual(data, config)) throw new Error("import wrote YAML that does not read back as the config it was made of");
  const errors = lintConfig(imported).filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length === 0) return { ok: true, config, text, notes };
  const problems = errors.map(
    (diagnostic): ImportProblem => ({
      kind: "invalid",
      message: `${source.file}: the config made of it would not pass smtpcfg lint: ${diagnostic.message} [${diagnostic.ruleId}]`,
    }),
  );
  problems.push({
    kind: "invalid",
    message: `Correct ${source.file} first (smtpcfg lint ${source.file} shows what is wrong), then import it again`,
  });
  return { ok: false, problems };
}
