import type { FileKind } from "./rule.js";

const POWERSHELL = /\.ps[md]?1$/i;
const YAML = /\.ya?ml$/i;
const XML = /\.xml$/i;
/** What an Omada notificationSettings file contains, whatever its name. */
const NOTIFICATION_SETTINGS = /notificationSettings|schemas\.omada\.net\/ois|azureAdClientCredentials/;

/** The kind of a file, from its name, or for other names from its first character (`<` is XML). */
export function fileKind(path: string, text: string): FileKind {
  // XML first: a folder of thousands of files is most often one of XML files.
  if (XML.test(path)) return "xml";
  if (POWERSHELL.test(path)) return "powershell";
  if (YAML.test(path)) return "config";
  return text.trimStart().startsWith("<") ? "xml" : "config";
}

/** Whether an XML file is an Omada notificationSettings file (other XML, such as a pom.xml, is not linted unless named). */
export function isNotificationSettings(text: string): boolean {
  return NOTIFICATION_SETTINGS.test(text);
}
