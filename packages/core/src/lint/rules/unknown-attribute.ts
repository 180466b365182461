import { closest } from "../../text/did-you-mean.js";
import { listAnd } from "../../text/quote.js";
import { localName, type XmlElement } from "../../xml/document.js";
import { ELEMENTS, isForeignAttribute, knownElement, ROOT_ELEMENT } from "../../xml/vocabulary.js";
import type { Rule } from "../rule.js";

const PARTIAL = "the list is partial, as Omada's schema is not public";

/** The other element of the vocabulary an attribute belongs on, if exactly one has it. */
function elementOf(name: string, except: string): string | undefined {
  const owners = Object.entries(ELEMENTS).filter(([element, vocabulary]) => element !== except && vocabulary.attributes.includes(name));
  return owners.length === 1 ? owners[0]?.[0] : undefined;
}

/** The namespace a prefix is bound to where an element is, from the xmlns:prefix declarations on it and around it. */
function prefixNamespace(element: XmlElement, prefix: string): string | undefined {
  for (let scope: XmlElement | undefined = element; scope; scope = scope.parent) {
    const declaration = scope.attributes.find((attribute) => attribute.name === `xmlns:${prefix}`);
    if (declaration) return declaration.value;
  }
  return undefined;
}

export const unknownAttribute: Rule = {
  meta: {
    id: "unknown-attribute",
    description: "An attribute that is not in the (partial) notificationSettings vocabulary, often a misspelling such as clientID",
    defaultSeverity: "warning",
    fixable: false,
  },
  checkXml({ document, report }) {
    const { root } = document;
    // Inside another root, nothing is Omada's: root-namespace says so once.
    if (!root || localName(root.name) !== ROOT_ELEMENT) return;
    for (const element of document.elements) {
      const local = localName(element.name);
      const vocabulary = knownElement(local);
      // Elements of other namespaces and unknown elements are not judged here (unknown-element reports the latter).
      if (!vocabulary || element.namespace !== root.namespace) continue;
      for (const attribute of element.attributes) {
        const { name } = attribute;
        if (vocabulary.attributes.includes(name)) continue;
        const where = { start: attribute.nameSpan.start, end: attribute.nameSpan.end };
        if (isForeignAttribute(name)) {
          const local = localName(name);
          // o:port with o bound to Omada's namespace: the setting, written as an attribute of another vocabulary would be.
          if (!vocabulary.attributes.includes(local) || prefixNamespace(element, name.slice(0, name.indexOf(":"))) !== root.namespace)
            continue;
          const lost = !element.attributes.some((other) => other.name === local);
          report({
            ...where,
            severity: lost ? "error" : "warning",
            message: `attribute ${name} on <${element.name}> is not ${local}: a prefix puts an attribute in the prefix's namespace, even Omada's, and Omada reads its settings from attributes without one, so it does not read this one${lost ? `, and the element has no ${local}` : ""}; write ${local}`,
          });
          continue;
        }
        const suggestion = closest(name, vocabulary.attributes);
        // A misspelling of a setting the element does not have otherwise loses that setting: Omada
        // fails without a required one and falls back to its default for another (for
        // secureSocketOptions, StartTlsWhenAvailable), so it is an error, not untidiness.
        const lost = suggestion !== undefined && !element.attributes.some((other) => other.name === suggestion);
        const severity = lost ? ("error" as const) : ("warning" as const);
        const consequence = lost ? `, and the element has no ${suggestion}` : "";
        if (suggestion !== undefined && suggestion.toLowerCase() === name.toLowerCase()) {
          report({
            ...where,
            severity,
            message: `attribute ${name} on <${element.name}> is not ${suggestion}: XML names are case-sensitive, so Omada does not read it${consequence}; write ${suggestion}`,
          });
          continue;
        }
        const owner = elementOf(name, local);
        if (owner !== undefined) {
          report({
            ...where,
            message: `attribute ${name} belongs on <${owner}>, not on <${element.name}>: Omada reads it only there; move it`,
          });
          continue;
        }
        const known =
          vocabulary.attributes.length === 0
            ? `smtpcfg knows none on <${element.name}>`
            : `smtpcfg knows ${listAnd(vocabulary.attributes)}`;
        const hint =
          suggestion === undefined
            ? ""
            : `; did you mean ${suggestion}?${lost ? ` Without it, <${element.name}> has no ${suggestion}` : ""}`;
        report({
          ...where,
          severity,
          message: `attribute ${name} is not one Omada is known to read on <${element.name}> (${known}; ${PARTIAL})${hint}`,
        });
      }
    }
  },
};
