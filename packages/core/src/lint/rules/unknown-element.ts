import { closest } from "../../text/did-you-mean.js";
import { localName, type XmlDocument, type XmlElement } from "../../xml/document.js";
import { ELEMENTS, knownElement, NOTIFICATION_SETTINGS_NAMESPACE, ROOT_ELEMENT } from "../../xml/vocabulary.js";
import type { Rule, SpanReport } from "../rule.js";

/** Elements of the file's own vocabulary: those in the root's namespace. Others belong to someone else's schema. */
function ownElements(document: XmlDocument): XmlElement[] {
  const { root } = document;
  // Inside another root, nothing is Omada's: root-namespace says so once.
  if (!root || localName(root.name) !== ROOT_ELEMENT) return [];
  return document.elements.filter((element) => element !== root && element.namespace === root.namespace);
}

function unknown(element: XmlElement, parent: string | undefined): string {
  const local = localName(element.name);
  const inside = parent === undefined ? "" : ` inside <${parent}>`;
  const attributeOfParent = parent === undefined ? undefined : closest(local, knownElement(parent)?.attributes ?? []);
  if (attributeOfParent !== undefined) {
    return `<${element.name}> is not an element${inside}: ${attributeOfParent} is an attribute of <${parent}>, so Omada does not read it from an element; write <${parent} ${attributeOfParent}="…">`;
  }
  const suggestion = closest(local, Object.keys(ELEMENTS));
  if (suggestion !== undefined && suggestion.toLowerCase() === local.toLowerCase()) {
    return `<${element.name}> is not <${suggestion}>: XML names are case-sensitive, so Omada does not read it; write <${suggestion}>`;
  }
  const hint = suggestion === undefined ? ":" : `; did you mean <${suggestion}>?`;
  return `<${element.name}> is not an element smtpcfg knows${inside}${hint} Omada ignores or rejects what its schema does not define. smtpcfg's list holds only what Omada's documentation names (the schema is not public): if Omada documents <${local}>, suppress this warning`;
}

/** Why an element named like one of Omada's, inside Omada's namespace, is not in it. */
function outOfNamespace(element: XmlElement, root: XmlElement): string {
  const notOmadas = "so this is not the element Omada looks for";
  if (element.namespace !== "") {
    return `<${element.name}> is in the namespace ${JSON.stringify(element.namespace)}, not in ${JSON.stringify(NOTIFICATION_SETTINGS_NAMESPACE)} like the elements around it, ${notOmadas}; write it in Omada's namespace`;
  }
  // The element's parent is in Omada's namespace: an unprefixed element left it by xmlns="" of its own, or never had it under a prefixed root.
  if (element.attributes.some((attribute) => attribute.name === "xmlns" && attribute.value === "")) {
    return `<${element.name}> is in no namespace: its xmlns="" takes it out of the namespace of the elements around it (some tools write it when they add an element to a document), ${notOmadas}; remove xmlns=""`;
  }
  const prefix = root.name.slice(0, root.name.indexOf(":"));
  return `<${element.name}> is in no namespace: a prefix on <${root.name}> does not carry over to the elements inside it, ${notOmadas}; write <${prefix}:${element.name}>, or declare xmlns="${NOTIFICATION_SETTINGS_NAMESPACE}" on the root and drop the prefixes`;
}

export const unknownElement: Rule = {
  meta: {
    id: "unknown-element",
    description: "An element that is not in the (partial) notificationSettings vocabulary, or in the wrong place",
    defaultSeverity: "warning",
    fixable: false,
  },
  checkXml({ document, report }) {
    const { root } = document;
    if (root?.namespace === NOTIFICATION_SETTINGS_NAMESPACE) {
      // An element of Omada's vocabulary that leaves Omada's namespace inside it: what it holds is lost to Omada. Reported where it leaves.
      for (const element of document.elements) {
        if (element.namespace === root.namespace || element.parent?.namespace !== root.namespace) continue;
        if (!knownElement(localName(element.name))) continue;
        report({ start: element.nameSpan.start, end: element.nameSpan.end, message: outOfNamespace(element, root) });
      }
    }
    const reported = new Set<XmlElement>();
    for (const element of ownElements(document)) {
      // Inside an element already reported, everything else is a follow-on.
      if (element.parent && reported.has(element.parent)) {
        reported.add(element);
        continue;
      }
      const local = localName(element.name);
      const parent = element.parent ? localName(element.parent.name) : undefined;
      const vocabulary = knownElement(local);
      if (vocabulary !== undefined && vocabulary.parent === parent) continue;
      reported.add(element);
      const where: Pick<SpanReport, "start" | "end"> = { start: element.nameSpan.start, end: element.nameSpan.end };
      if (!vocabulary) report({ ...where, message: unknown(element, parent) });
      else {
        const belongs =
          vocabulary.parent === undefined ? "is the root element and belongs nowhere else" : `belongs inside <${vocabulary.parent}>`;
        const here = parent === undefined ? "" : `, not inside <${parent}>`;
        report({ ...where, message: `<${element.name}> ${belongs}${here}: Omada looks for it only there; move it` });
      }
    }
  },
};
