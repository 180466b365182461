import { closest } from "../../text/did-you-mean.js";
import { listAnd } from "../../text/quote.js";
import { localName, type XmlElement } from "../../xml/document.js";
import { ATTRIBUTE_HINTS, knownElement, ROOT_ELEMENT } from "../../xml/vocabulary.js";
import type { Rule } from "../rule.js";

/** Present, or present under a misspelt name that unknown-attribute reports (`clientID`, `tenantID`). */
function written(element: XmlElement, name: string): boolean {
  if (element.attributes.some((candidate) => candidate.name === name)) return true;
  return element.attributes.some((candidate) => closest(candidate.name, [name]) === name);
}

export const requiredAttribute: Rule = {
  meta: {
    id: "required-attribute",
    description:
      "A network element without host or port, or an azureAdClientCredentials element without clientId, clientSecret, tenantId, userName or scopes",
    defaultSeverity: "error",
    fixable: false,
  },
  checkXml({ document, report }) {
    // Inside another root, nothing is Omada's: root-namespace says so once.
    if (!document.root || localName(document.root.name) !== ROOT_ELEMENT) return;
    for (const element of document.elements) {
      const vocabulary = knownElement(localName(element.name));
      // A start tag that breaks off may hide its attributes: xml-syntax reports it first.
      if (!vocabulary || element.broken || vocabulary.required.length === 0) continue;
      const missing = vocabulary.required.filter((name) => !written(element, name));
      if (missing.length === 0) continue;
      const hints = missing.map((name) => `${name}: ${ATTRIBUTE_HINTS[name] ?? "see the docs"}`);
      report({
        start: element.nameSpan.start,
        end: element.nameSpan.end,
        message: `<${element.name}> lacks ${listAnd(missing)}: ${vocabulary.requiredBecause ?? "Omada needs them"}; add ${missing.length === 1 ? "it" : "them"} (${hints.join("; ")})`,
      });
    }
  },
};
