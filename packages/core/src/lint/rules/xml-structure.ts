import type { Rule } from "../rule.js";
import { attributesAsText } from "./attributes-as-text.js";
import { requiredAttribute } from "./required-attribute.js";
import { rootNamespace } from "./root-namespace.js";
import { unknownAttribute } from "./unknown-attribute.js";
import { unknownElement } from "./unknown-element.js";
import { xmlDeclaration } from "./xml-declaration.js";
import { xmlDoctype } from "./xml-doctype.js";
import { xmlSyntax } from "./xml-syntax.js";

/** Rules for the shape of a notificationSettings file: well-formedness, elements, attributes; in the order the docs list them. */
export const XML_STRUCTURE_RULES: readonly Rule[] = [
  xmlDeclaration,
  xmlSyntax,
  xmlDoctype,
  attributesAsText,
  rootNamespace,
  unknownElement,
  unknownAttribute,
  requiredAttribute,
];
