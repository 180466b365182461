import type { Rule } from "../rule.js";

/** Reports the first well-formedness error the parser finds (see xml/well-formed.ts); one that is in the XML declaration is xml-declaration's. */
export const xmlSyntax: Rule = {
  meta: {
    id: "xml-syntax",
    description:
      "XML that is not well-formed: unclosed or mismatched tags, unquoted or repeated attributes, a bare &, text outside the root",
    defaultSeverity: "error",
    fixable: false,
  },
  checkXml({ document, report }) {
    const error = document.syntaxError;
    if (error && !error.declaration) report({ start: error.span.start, end: error.span.end, message: error.message });
  },
};
