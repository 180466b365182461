import { loadConfig } from "../config/load.js";
import { powerShellSecrets } from "../powershell/secret-literals.js";
import { isPlaceholder } from "../text/placeholder.js";
import { HIDDEN, secretShapedWords } from "../text/secret-shape.js";
import { urlPasswords } from "../text/url-credentials.js";
import { localName } from "../xml/document.js";
import { parseXml } from "../xml/parse.js";
import type { FileKind } from "./rule.js";

/** Shorter values are not worth hiding, and hiding them would garble unrelated text. */
const SHORTEST = 4;

function configSecrets(loaded: unknown): string[] {
  const data = loaded as { tenants?: { apps?: { credential?: { clientSecret?: unknown } }[] }[] } | undefined;
  const tenants = Array.isArray(data?.tenants) ? data.tenants : [];
  return tenants.flatMap((tenant) =>
    (Array.isArray(tenant?.apps) ? tenant.apps : [])
      .map((app) => app?.credential?.clientSecret)
      .filter((value) => typeof value === "string"),
  );
}

/** Every string of a config's data, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(strings);
}

function configSecretsAndPasswords(text: string): string[] {
  const data = loadConfig({ file: "smtpcfg.yaml", text, bom: false }).yaml?.data;
  return [...configSecrets(data), ...strings(data).flatMap((value) => urlPasswords(value, false))];
}

function xmlSecrets(text: string): string[] {
  return parseXml(text).elements.flatMap((element) =>
    element.attributes.flatMap((attribute) => {
      const values = [attribute.value, text.slice(attribute.valueSpan.start, attribute.valueSpan.end)];
      const passwords = values.flatMap((value) => urlPasswords(value, false));
      return localName(attribute.name).toLowerCase() === "clientsecret" ? [...values, ...passwords] : passwords;
    }),
  );
}

/**
 * The client secrets written literally in a file (placeholders aside), the secrets, passwords and
 * tokens a script holds, the passwords written into its URLs, and any word shaped like a client
 * secret or a token, as they appear in its text: what must be blanked out wherever smtpcfg shows
 * the file's own lines, as in a diff.
 */
export function literalSecrets(text: string, kind: FileKind): string[] {
  // The values as parsed (a password may hold a quote or a space), and the text as it runs (comments, scripts).
  const parsed = kind === "xml" ? xmlSecrets(text) : kind === "config" ? configSecretsAndPasswords(text) : powerShellSecrets(text);
  // And anything shaped like a secret or a token, wherever it is: an old secret kept in a comment.
  const found = [...parsed, ...urlPasswords(text, true), ...secretShapedWords(text)];
  return [...new Set(found.map((value) => value.trim()))].filter((value) => value.length >= SHORTEST && !isPlaceholder(value));
}

/** A text with every occurrence of the given secrets replaced by a marker that says so. */
export function redactSecrets(text: string, secrets: readonly string[]): { text: string; redacted: boolean } {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(HIDDEN);
  return { text: out, redacted: out !== text };
}
