// The elements and attributes of an Omada notificationSettings file that smtpcfg knows.
//
// Omada ships the schema (<website root>/Schema/NotificationSettingsML.xsd) with the product but
// does not publish it, so this list holds only what Omada's documentation and its client
// credentials sample name (KNOWLEDGE.md §4). It is partial: Omada may accept more, which is why
// unknown-element and unknown-attribute are warnings, and their messages say so.

export const NOTIFICATION_SETTINGS_NAMESPACE = "http://schemas.omada.net/ois/2022/NotificationSettingsML";
export const ROOT_ELEMENT = "notificationSettings";

export interface ElementVocabulary {
  /** The element it belongs in; none for the root. */
  parent?: string;
  attributes: readonly string[];
  /** Attributes without which the settings cannot work. */
  required: readonly string[];
  /** Why they are required, for the message that asks for them. */
  requiredBecause?: string;
}

export const ELEMENTS: Readonly<Record<string, ElementVocabulary>> = {
  notificationSettings: { attributes: [], required: [] },
  smtp: { parent: "notificationSettings", attributes: [], required: [] },
  network: {
    parent: "smtp",
    attributes: ["host", "port", "secureSocketOptions"],
    required: ["host", "port"],
    requiredBecause: "Omada needs both to reach the SMTP server",
  },
  azureAdClientCredentials: {
    parent: "network",
    attributes: ["instance", "clientId", "clientSecret", "tenantId", "userName", "scopes"],
    required: ["clientId", "clientSecret", "tenantId", "userName", "scopes"],
    requiredBecause:
      "the client credentials flow needs the app, its secret, the tenant and the scope to get a token, and the mailbox to send as",
  },
};

/** What a missing required attribute holds, for the message that asks for it. */
export const ATTRIBUTE_HINTS: Readonly<Record<string, string>> = {
  host: 'the SMTP server, "smtp.office365.com" for Exchange Online',
  port: 'the submission port, "587" for Exchange Online',
  clientId: "the Application (client) ID from App registrations › (the app) › Overview",
  clientSecret: "the client secret's Value, shown once when the secret is created",
  tenantId: "the Directory (tenant) ID from Microsoft Entra ID › Overview",
  userName: "the mailbox the app sends as",
  scopes: '"https://outlook.office365.com/.default" for Exchange Online',
};

/** Whether an element of a local name is in the vocabulary (a name of Object.prototype is not). */
export function knownElement(name: string): ElementVocabulary | undefined {
  return Object.hasOwn(ELEMENTS, name) ? ELEMENTS[name] : undefined;
}

/** Attributes that belong to XML itself or to other vocabularies, never unknown: xmlns, xmlns:*, xml:*, xsi:* and any other prefix. */
export function isForeignAttribute(name: string): boolean {
  return name === "xmlns" || name.includes(":");
}
