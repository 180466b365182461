import { closest } from "../../text/did-you-mean.js";
import { localName } from "../../xml/document.js";
import { NOTIFICATION_SETTINGS_NAMESPACE, ROOT_ELEMENT } from "../../xml/vocabulary.js";
import type { Rule } from "../rule.js";

const EXPECTED = `<${ROOT_ELEMENT} xmlns="${NOTIFICATION_SETTINGS_NAMESPACE}">`;

export const rootNamespace: Rule = {
  meta: {
    id: "root-namespace",
    description: `A root element other than notificationSettings, or not in the namespace ${NOTIFICATION_SETTINGS_NAMESPACE}`,
    defaultSeverity: "error",
    fixable: true,
  },
  checkXml({ document, report }) {
    const { root } = document;
    if (!root) return;
    const local = localName(root.name);
    const where = { start: root.nameSpan.start, end: root.nameSpan.end };
    if (local !== ROOT_ELEMENT) {
      const typo = closest(local, [ROOT_ELEMENT]) === undefined ? "" : `; did you mean <${ROOT_ELEMENT}>? (XML names are case-sensitive)`;
      report({
        ...where,
        message: `the root element is <${root.name}>: Omada reads its notification settings only from a ${EXPECTED} document${typo}`,
      });
      return;
    }
    if (root.namespace === NOTIFICATION_SETTINGS_NAMESPACE) return;
    const schema =
      "Omada's schema (NotificationSettingsML.xsd) defines its elements in that namespace, so without it they are not the elements Omada looks for";
    if (root.namespace === "") {
      // An undeclared prefix is xml-syntax's; a namespace written after the tag's ">" is attributes-as-text's.
      if (root.name.includes(":") || root.attributes.some((attribute) => attribute.recovered && attribute.name === "xmlns")) return;
      const empty = root.attributes.find((attribute) => attribute.name === "xmlns");
      report({
        ...(empty ? { start: empty.nameSpan.start, end: empty.valueSpan.end + 1 } : where),
        message: `<${root.name}> has ${empty ? "an empty" : "no"} namespace: Omada expects xmlns="${NOTIFICATION_SETTINGS_NAMESPACE}", and ${schema}; ${empty ? "write it" : "add it"}`,
        fix: empty
          ? { offset: empty.valueSpan.start, length: 0, text: NOTIFICATION_SETTINGS_NAMESPACE }
          : { offset: root.nameSpan.end, length: 0, text: ` xmlns="${NOTIFICATION_SETTINGS_NAMESPACE}"` },
      });
      return;
    }
    const prefix = root.name.includes(":") ? `xmlns:${root.name.slice(0, root.name.indexOf(":"))}` : "xmlns";
    const declaration = root.attributes.find((attribute) => attribute.name === prefix && !attribute.recovered);
    report({
      ...(declaration ? { start: declaration.valueSpan.start, end: declaration.valueSpan.end } : where),
      message: `<${root.name}> is in the namespace ${JSON.stringify(root.namespace)}, not ${JSON.stringify(NOTIFICATION_SETTINGS_NAMESPACE)}: ${schema}; write ${prefix}="${NOTIFICATION_SETTINGS_NAMESPACE}"`,
    });
  },
};
