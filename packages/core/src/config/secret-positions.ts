import { type Document, isAlias, isCollection, isScalar, visit } from "yaml";

/** Keys whose values are secrets: messages never quote them, nor anything written inside them. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(["clientSecret"]);
/** Keys that hold a secret when given a plain string by mistake: a secret pasted as the whole credential, a PEM key as the certificate. */
export const SECRET_HOLDERS: ReadonlySet<string> = new Set(["credential", "certificate"]);

/** Where a secret may be written: the value of a secret key, from the end of the key to the end of the value (a tag or anchor included). */
export interface SecretSpan {
  from: number;
  to: number;
  /** The key the secret is the value of, to name it in messages instead of quoting it. */
  key: string;
}

/** A node as the data has it: an alias counts as the node it names (resolved only for the rare alias, as resolving walks the document). */
function resolved(document: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}

/** Where a node or the pair's empty value ends; a value with nothing after its tag or anchor is empty, but its tag still counts. */
function valueEnd(value: unknown, from: number): number {
  const range = (value as { range?: [number, number, number] } | null)?.range;
  return range ? Math.max(range[1], from) : from;
}

/**
 * Every place a secret may be written, found in the document's structure rather than in its text:
 * the value of each clientSecret (whatever it is: text, a mapping, an alias, a tag with nothing
 * after it) and a credential or certificate given as a single value rather than a mapping.
 */
export function secretSpans(document: Document.Parsed): SecretSpan[] {
  const spans: SecretSpan[] = [];
  visit(document, {
    Pair(_, pair) {
      const keyNode = resolved(document, pair.key);
      const key = isScalar(keyNode) && typeof keyNode.value === "string" ? keyNode.value : undefined;
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (key === undefined || !keyRange || !(SECRET_KEYS.has(key) || SECRET_HOLDERS.has(key))) return;
      if (SECRET_KEYS.has(key) || !isCollection(resolved(document, pair.value))) {
        spans.push({ from: keyRange[1], to: valueEnd(pair.value, keyRange[1]), key });
      }
    },
  });
  return spans;
}

/** The secret span that the offsets `from` to `to` lie in or overlap, if any. */
export function secretSpanAt(spans: readonly SecretSpan[], from: number, to: number): SecretSpan | undefined {
  // A span starts at the end of its key: what ends there is the key, which is no secret.
  return spans.find((span) => (from === to ? span.from <= from && from <= span.to : from < span.to && to > span.from));
}
