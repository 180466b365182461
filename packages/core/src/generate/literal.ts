// How config values reach generated files. Every value goes through one of these two functions,
// so the escaping is written, reviewed and tested once.

/**
 * PowerShell treats the typographic single quotes (‘ ’ ‚ ‛) as single quotes too: a value holding
 * one would end a literal that only doubled `'`. Doubling each as itself is what PowerShell's own
 * CodeGeneration.EscapeSingleQuotedStringContent does.
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The first UTF-16 code unit a file cannot carry: a C0 control other than tab, line feed and
 * carriage return, or an unpaired surrogate (UTF-8 has no bytes for it); in XML also U+FFFE and
 * U+FFFF, which XML 1.0 cannot write even as character references.
 */
function firstUnwritable(value: string, into: "powershell" | "xml"): number | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return code;
    if (isHighSurrogate(code) && isLowSurrogate(value.charCodeAt(index + 1))) {
      index++;
      continue;
    }
    if (isHighSurrogate(code) || isLowSurrogate(code)) return code;
    if (into === "xml" && (code === 0xfffe || code === 0xffff)) return code;
  }
  return undefined;
}

/**
 * Why a value cannot be written into a generated file, or undefined when it can. Generators check
 * every value first and report these as problems, so the escaping below never meets them.
 */
export function unwritable(value: string, into: "powershell" | "xml"): string | undefined {
  const code = firstUnwritable(value, into);
  if (code === undefined) return undefined;
  const what = isHighSurrogate(code) || isLowSurrogate(code) ? "an unpaired surrogate" : "a character";
  const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `holds ${what} (${name}) that ${into === "xml" ? "an XML file" : "a PowerShell script"} cannot carry; remove it`;
}

/**
 * A value as a PowerShell verbatim (single-quoted) string literal: nothing inside is expanded,
 * `$(…)`, backticks, double quotes and line breaks stay text.
 */
export function psLiteral(value: string): string {
  return `'${value.replace(SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

const XML_ATTRIBUTE: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  // Attribute-value normalisation turns literal tabs and line breaks into spaces: references keep them.
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/**
 * A value as a double-quoted XML attribute value. Every `&` is escaped, also one that already
 * looks like an entity (`&amp;`): the value is text, never markup.
 */
export function xmlAttribute(value: string): string {
  return `"${value.replace(/[&<>"\t\n\r]/g, (character) => XML_ATTRIBUTE[character] as string)}"`;
}
