import type { Rule } from "../rule.js";

/**
 * Reports only what PowerShell's own tokenizer rejects (see powershell/scan.ts). Statements the
 * tree-sitter grammar cannot parse are not reported: the grammar rejects some valid PowerShell,
 * and this rule's findings cannot be turned off. The commands rules check are parsed again on
 * their own from such statements.
 */
export const psSyntax: Rule = {
  meta: {
    id: "ps-syntax",
    description: "PowerShell syntax errors: unterminated strings, here-strings and comments, unbalanced brackets, empty pipe elements",
    defaultSeverity: "error",
    fixable: false,
  },
  checkPowerShell({ script, report }) {
    for (const { span, message } of script.syntaxErrors) report({ start: span.start, end: span.end, message });
  },
};
