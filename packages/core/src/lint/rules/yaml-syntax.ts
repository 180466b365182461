import type { Rule } from "../rule.js";

/** Reported by the YAML parser itself (see config/yaml-document.ts); listed so it can be configured and documented. */
export const yamlSyntax: Rule = {
  meta: {
    id: "yaml-syntax",
    description: "YAML syntax errors, duplicate keys and alias bombs",
    defaultSeverity: "error",
    fixable: false,
  },
};
