import { loadConfig } from "../config/load.js";
import { isPlaceholder } from "../text/placeholder.js";
import { urlPasswords } from "../text/quote.js";
import { localName } from "../xml/document.js";
import { parseXml } from "../xml/parse.js";
import type { FileKind } from "./rule.js";

/** Shorter values are not worth hiding, and hiding them would garble unrelated text. */
const SHORTEST = 4;

function configSecrets(text: string): string[] {
  const data = loadConfig({ file: "smtpcfg.yaml", text, bom: false }).yaml?.data as
    | { tenants?: { apps?: { credential?: { clientSecret?: unknown } }[] }[] }
    | undefined;
  const tenants = Array.isArray(data?.tenants) ? data.tenants : [];
  return tenants.flatMap((tenant) =>
    (Array.isArray(tenant?.apps) ? tenant.apps : [])
      .map((app) => app?.credential?.clientSecret)
      .filter((value) => typeof value === "string"),
  );
}

function xmlSecrets(text: string): string[] {
  return parseXml(text).elements.flatMap((element) =>
    element.attributes
      .filter((attribute) => localName(attribute.name).toLowerCase() === "clientsecret")
      .flatMap((attribute) => [attribute.value, text.slice(attribute.valueSpan.start, attribute.valueSpan.end)]),
  );
}

/**
 * The client secrets written literally in a file (placeholders aside), and the passwords written
 * into its URLs, as they appear in its text: what must be blanked out wherever smtpcfg shows the
 * file's own lines, as in a diff.
 */
export function literalSecrets(text: string, kind: FileKind): string[] {
  const found = [...(kind === "xml" ? xmlSecrets(text) : kind === "config" ? configSecrets(text) : []), ...urlPasswords(text)];
  return [...new Set(found.map((value) => value.trim()))].filter((value) => value.length >= SHORTEST && !isPlaceholder(value));
}

/** A text with every occurrence of the given secrets replaced by a marker that says so. */
export function redactSecrets(text: string, secrets: readonly string[]): { text: string; redacted: boolean } {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join("‹secret hidden›");
  return { text: out, redacted: out !== text };
}
