import { itemsOf } from "../../config/walk.js";
import { isPlaceholder } from "../../text/placeholder.js";
import { attribute } from "../../xml/document.js";
import { settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";
import { isSecretId } from "./secret-id-as-secret.js";

const PLACEHOLDER =
  "is a placeholder, not the secret: nothing leaked, but verify cannot authenticate with it (Entra answers AADSTS7000215, Invalid client secret provided). Reference the secret with {env: NAME} or {file: PATH}";
const WHY = "is written literally in the file: everyone who can read the file or its git history has the secret.";
/** `env:NAME` or `file:PATH` as one word: a reference meant, written without the space and braces that make it one. A secret never has a colon. */
const REFERENCE_AS_TEXT = /^\s*(env|file):\S/;

function referenceAsText(secret: string): string | undefined {
  const source = REFERENCE_AS_TEXT.exec(secret)?.[1];
  if (source === undefined) return undefined;
  const what = source === "env" ? "NAME" : "PATH";
  return `is the text "${source}:…", not a reference: nothing leaked, but verify would send this text as the secret. YAML reads a reference only as a mapping, with a space after the colon: write {${source}: ${what}}`;
}

export const inlineSecret: Rule = {
  meta: {
    id: "inline-secret",
    description: "A client secret written literally into the file",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    for (const { value: app, path } of itemsOf(context.config, "apps")) {
      const secret = app.credential?.clientSecret;
      // A GUID is the secret's ID, which is no secret: secret-id-as-secret reports that mistake.
      if (typeof secret !== "string" || isSecretId(secret)) continue;
      context.report({
        path: [...path, "credential", "clientSecret"],
        // Placeholders as the XML branch knows them. Unlike a notificationSettings file, a config is
        // what verify authenticates with, so one here is still a mistake, but nothing leaked.
        message: isPlaceholder(secret)
          ? PLACEHOLDER
          : (referenceAsText(secret) ??
            `${WHY} Reference it instead with {env: NAME} or {file: PATH}, and rotate it if it was ever committed`),
      });
    }
  },
  checkXml(context) {
    for (const credentials of settingsElements(context.document).credentials) {
      const secret = attribute(credentials, "clientSecret");
      // A placeholder is what a committed notificationSettings file should hold: the value is set in Omada itself.
      if (!secret || isPlaceholder(secret.value) || isSecretId(secret.value)) continue;
      context.report({
        ...secret.valueSpan,
        severity: "warning",
        message: `clientSecret ${WHY} Keep the value only in Omada's notificationSettings configuration object, commit the file with a placeholder such as clientSecret="{{CLIENT_SECRET}}", and rotate the secret if it was ever committed`,
      });
    }
  },
};
