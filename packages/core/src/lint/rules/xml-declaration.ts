import type { Rule } from "../rule.js";

const REJECTED = "so an XML parser rejects the whole file";

/** What comes before a declaration that is not at the start, in words. */
function before(text: string): string {
  if (text.includes("\uFEFF")) return "a second byte order mark comes";
  return /[\r\n]/.test(text) ? "blank lines come" : "spaces come";
}

export const xmlDeclaration: Rule = {
  meta: {
    id: "xml-declaration",
    description: "A malformed XML declaration: not ended with ?>, not at the very start of the file, or with a wrong version",
    defaultSeverity: "error",
    fixable: true,
  },
  checkXml({ document, report }) {
    const { declaration, syntaxError } = document;
    if (declaration?.notAtStart?.fix) {
      const { span, fix } = declaration.notAtStart;
      report({
        start: declaration.span.start,
        end: declaration.span.end,
        message: `the XML declaration is not at the very start of the file: ${before(document.text.slice(span.start, span.end))} before it, where XML allows nothing, ${REJECTED}; remove them`,
        fix,
      });
    }
    if (declaration?.problem) {
      const { message, fix } = declaration.problem;
      // A wrong ending is pointed at; a missing one at the whole declaration.
      const ending = fix.text === "?>" ? declaration.span : { start: fix.offset - (fix.text === ">" ? 1 : 0), end: declaration.span.end };
      report({
        start: ending.start,
        end: Math.max(ending.end, ending.start + 1),
        message: `the XML declaration ${message}, ${REJECTED}${fix.text === "?" && fix.length === 0 ? " (the sample in Omada's guide has this mistake)" : ""}; end it with "?>"`,
        fix,
      });
    }
    if (syntaxError?.declaration) report({ start: syntaxError.span.start, end: syntaxError.span.end, message: syntaxError.message });
  },
};
