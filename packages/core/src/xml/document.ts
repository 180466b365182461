/** A span of the source text: 0-based offsets, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface XmlAttribute {
  name: string;
  /** The value with the five predefined entities and character references decoded. */
  value: string;
  /** Where the name is written. */
  nameSpan: Span;
  /** The raw value between the quotes. */
  valueSpan: Span;
  /** Found in the text after the start tag's `>` (the attributes-as-text mistake), not inside the tag. */
  recovered?: true;
}

export interface XmlElement {
  /** The qualified name as written (`prefix:local` or `local`). */
  name: string;
  /** The namespace URI in effect for the element, "" for none. */
  namespace: string;
  /** Where the name is written in the start tag. */
  nameSpan: Span;
  /** From `<` to just after the start tag's `>` or `/>` (or to where the tag broke off). */
  tagSpan: Span;
  attributes: XmlAttribute[];
  children: XmlElement[];
  parent?: XmlElement;
  selfClosing: boolean;
  /** The start tag breaks off before its `>` (a mistake xml-syntax reports): its attributes may be incomplete. */
  broken?: true;
}

export interface XmlDeclaration {
  span: Span;
  /** The pseudo-attributes as written (version, encoding, standalone). */
  attributes: XmlAttribute[];
  /** What is wrong with how it ends, if anything. */
  problem?: { message: string; fix: { offset: number; length: number; text: string } };
  /**
   * What comes before it, when it is not at the very start of the file; the fix (delete the
   * whitespace, or move comments after the declaration) is there when it is safe.
   */
  notAtStart?: { span: Span; fix?: { offset: number; length: number; text: string } };
}

/** Attributes written as text after a start tag's `>`, and how to move them into the tag. */
export interface AttributesAsText {
  element: XmlElement;
  /** From the start tag's `>` to the end of the stray `/>` or of the element's end tag. */
  span: Span;
  fix: { offset: number; length: number; text: string };
}

export interface XmlComment {
  /** The text between `<!--` and `-->`. */
  text: string;
  span: Span;
}

export interface XmlSyntaxError {
  message: string;
  span: Span;
  /** The error is inside an XML declaration (`<?xml …?>`): xml-declaration reports it, not xml-syntax. */
  declaration?: true;
}

/** What the tolerant scan of an XML file found: enough to lint it even when it is malformed. */
export interface XmlDocument {
  text: string;
  declaration?: XmlDeclaration;
  root?: XmlElement;
  /** Every element in document order. */
  elements: XmlElement[];
  comments: XmlComment[];
  /** The first `<!DOCTYPE …>`, to its `>` (or to the end of a file that ends inside it); doctype.ts reads what it declares. */
  doctype?: Span;
  attributesAsText: AttributesAsText[];
  /** The first well-formedness error left once the recognised mistakes above are repaired. */
  syntaxError?: XmlSyntaxError;
}

export function attribute(element: XmlElement, name: string): XmlAttribute | undefined {
  return element.attributes.find((candidate) => candidate.name === name);
}

export function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}
