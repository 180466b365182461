import type { Span } from "./document.js";

// What a <!DOCTYPE> declares, read from its text and never acted on: smtpcfg expands no entity
// and fetches no DTD. Enough to say what the declaration does, to tell saxes which entity names
// are declared (as empty, so that their references are no syntax error and nothing is expanded),
// and to know whether removing it would leave references to undefined entities.

export interface EntityDeclaration {
  name: string;
  /** A parameter entity (`<!ENTITY % name …>`), usable only inside the DTD. */
  parameter: boolean;
  /** The system identifier of an external entity: a file or URL an XML reader would fetch. */
  system?: string;
}

export interface Doctype {
  span: Span;
  /** Ended with its `>`: a DOCTYPE the file ends inside cannot be removed on its own. */
  closed: boolean;
  /** The system identifier of an external DTD (`SYSTEM "…"` or `PUBLIC "…" "…"`). */
  system?: string;
  entities: EntityDeclaration[];
}

const LITERAL = `("[^"]*"|'[^']*')`;
const EXTERNAL_ID = new RegExp(String.raw`^<!DOCTYPE\s+[^\s[>]+\s+(?:SYSTEM\s+${LITERAL}|PUBLIC\s+${LITERAL}\s+${LITERAL})`);
const ENTITY = new RegExp(String.raw`<!ENTITY\s+(%\s+)?([^\s"'%>]+)\s+(?:(?:SYSTEM|PUBLIC\s+${LITERAL})\s+${LITERAL}|${LITERAL})`, "g");
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** XML's own entities: a reference to one of these means the same with or without a DTD. */
const PREDEFINED = new Set(["amp", "lt", "gt", "quot", "apos"]);
const REFERENCE = /&([A-Za-z_:][-A-Za-z0-9_:.]*);/g;

const unquote = (literal: string) => literal.slice(1, -1);

export function readDoctype(text: string, span: Span): Doctype {
  const written = text.slice(span.start, span.end);
  const externalId = EXTERNAL_ID.exec(written);
  const system = externalId?.[1] ?? externalId?.[3];
  const subsetStart = written.indexOf("[");
  const subset = subsetStart < 0 ? "" : written.slice(subsetStart).replace(COMMENT, (comment) => " ".repeat(comment.length));
  const entities: EntityDeclaration[] = [];
  for (const match of subset.matchAll(ENTITY)) {
    const [, percent, name, , systemLiteral] = match;
    entities.push({
      name: name as string,
      parameter: percent !== undefined,
      ...(systemLiteral === undefined ? {} : { system: unquote(systemLiteral) }),
    });
  }
  return { span, closed: written.endsWith(">"), ...(system === undefined ? {} : { system: unquote(system) }), entities };
}

/** The general entities a DOCTYPE declares beyond XML's own: what its references in the document stand for. */
export function generalEntityNames(doctype: Doctype): Set<string> {
  return new Set(doctype.entities.filter((entity) => !entity.parameter && !PREDEFINED.has(entity.name)).map((entity) => entity.name));
}

/** The first reference, outside the DOCTYPE, to an entity it declares: removing the DOCTYPE would leave it undefined. */
export function firstDeclaredReference(text: string, doctype: Doctype): { name: string; offset: number } | undefined {
  const declared = generalEntityNames(doctype);
  if (declared.size === 0) return undefined;
  for (const [from, to] of [
    [0, doctype.span.start],
    [doctype.span.end, text.length],
  ] as const) {
    for (const match of text.slice(from, to).matchAll(REFERENCE)) {
      if (declared.has(match[1] as string)) return { name: match[1] as string, offset: from + match.index };
    }
  }
  return undefined;
}
