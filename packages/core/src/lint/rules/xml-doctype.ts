import { LineIndex } from "../../text/line-index.js";
import { listAnd, quote } from "../../text/quote.js";
import { type Doctype, firstDeclaredReference, readDoctype } from "../../xml/doctype.js";
import type { Rule } from "../rule.js";

const WHY =
  "a notificationSettings file needs none, and a document type definition is how entity-expansion (billion laughs) and external-entity (XXE) attacks reach the XML reader that opens the file";
/** Entity names a message lists before it only counts the rest. */
const SHOWN = 3;

/** What the DOCTYPE makes an XML reader do, in words: fetch a DTD or files, define entities. */
function whatItDoes({ system, entities }: Doctype): string {
  const parts: string[] = [];
  if (system !== undefined) parts.push(`loads an external DTD from ${quote(system)}`);
  if (entities.length > 0) {
    const names = entities.slice(0, SHOWN).map((entity) => quote(entity.name));
    if (entities.length > SHOWN) names.push(`${entities.length - SHOWN} more`);
    parts.push(entities.length === 1 ? `declares the entity ${names[0]}` : `declares ${entities.length} entities (${listAnd(names)})`);
  }
  const external = entities.find((entity) => entity.system !== undefined)?.system;
  if (external !== undefined) parts.push(`makes an XML reader fetch ${quote(external)}`);
  return parts.length === 0 ? "" : ` that ${listAnd(parts)}`;
}

/** The DOCTYPE and the line break after it, so that removing it leaves no blank line. */
function removal(text: string, doctype: Doctype): { offset: number; length: number; text: string } {
  const { start, end } = doctype.span;
  const lineBreak = /^(?:\r\n?|\n)/.exec(text.slice(end, end + 2))?.[0] ?? "";
  return { offset: start, length: end - start + lineBreak.length, text: "" };
}

export const xmlDoctype: Rule = {
  meta: {
    id: "xml-doctype",
    description:
      "A DOCTYPE declaration (an internal subset, entity declarations or an external DTD), which notificationSettings never needs",
    defaultSeverity: "error",
    fixable: true,
  },
  checkXml({ document, report }) {
    if (!document.doctype) return;
    const { text } = document;
    const doctype = readDoctype(text, document.doctype);
    const found = `a <!DOCTYPE>${whatItDoes(doctype)}: ${WHY}`;
    const { start, end } = doctype.span;
    // Underlined on its first line only: an internal subset can run for thousands of lines.
    const lineEnd = text.slice(start, end).search(/[\r\n]/);
    const span = { start, end: lineEnd < 0 ? end : start + lineEnd };
    if (!doctype.closed) {
      report({ ...span, message: `${found}; remove it (the file ends inside it, so --fix leaves it to you)` });
      return;
    }
    if (document.root && document.root.tagSpan.start < start) {
      report({
        ...span,
        message: `${found}; remove it (it comes after the root element starts, where a DOCTYPE does not belong, so --fix leaves it to you)`,
      });
      return;
    }
    const reference = firstDeclaredReference(text, doctype);
    if (reference) {
      const line = new LineIndex(text).position(reference.offset).line;
      report({
        ...span,
        message: `${found}; replace each reference to its entities (such as the reference to ${quote(reference.name)} on line ${line}) with the text you mean, then remove it (--fix does not: the references would be left undefined)`,
      });
      return;
    }
    report({ ...span, message: `${found}; remove it`, fix: removal(text, doctype) });
  },
};
