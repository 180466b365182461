import type { Rule } from "../rule.js";

/** Reported by the YAML parser itself (see config/yaml-document.ts); listed so it can be configured and documented. */
export const yamlSyntax: Rule = {
  meta: {
    id: "yaml-syntax",
    description:
      "YAML that is not one plain config document: syntax errors, duplicate keys, tags and directives, several documents, alias bombs",
    defaultSeverity: "error",
    fixable: false,
  },
};
