import { listAnd } from "../../text/quote.js";
import type { Rule } from "../rule.js";

export const attributesAsText: Rule = {
  meta: {
    id: "attributes-as-text",
    description: "Attributes written after a start tag's >, where XML reads them as text",
    defaultSeverity: "error",
    fixable: true,
  },
  checkXml({ document, report }) {
    for (const { element, span, fix } of document.attributesAsText) {
      const names = element.attributes
        .filter((attribute) => attribute.recovered && attribute.nameSpan.start >= span.start && attribute.nameSpan.end <= span.end)
        .map((attribute) => attribute.name);
      const [they, them, come] = names.length === 1 ? ["it is", "it", "comes"] : ["they are", "them", "come"];
      const what = `${listAnd(names)} ${come} after the ">" that ends the start tag <${element.name}>, so XML reads ${them} as text and Omada never sees ${them}`;
      let repair: string;
      if (fix.text !== "") repair = `move ${them} into the start tag and write the element as <${element.name} … />`;
      else if (document.text.startsWith("/>", span.end - 2))
        repair = `remove that ">", so that ${they} inside the tag and the "/>" after ${them} (now text too) closes it`;
      else repair = `remove that ">", so that ${they} inside the tag`;
      report({ start: span.start, end: span.end, message: `${what}; ${repair}`, fix });
    }
  },
};
