/**
 * PowerShell's tokenizer reads the typographic dashes, quotes and spaces that word processors and
 * web pages put into copied scripts as their ASCII counterparts (CharTraits.cs: IsDash,
 * IsSingleQuote, IsDoubleQuote, IsWhitespace), so `–ObjectId ‘…’` runs like `-ObjectId '…'`.
 * The tree-sitter grammar knows only ASCII. Each of these characters is one UTF-16 code unit, like
 * its replacement, so offsets in the normalized text are offsets in the original text.
 */
const DASHES = /[\u2013\u2014\u2015]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e]/g;
/** No-break space, next line (U+0085 is whitespace, not a line break, to PowerShell) and the other Unicode space separators. */
const SPACES = /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
const ANY = /[\u0085\u00a0\u1680\u2000-\u200a\u2013-\u2015\u2018-\u201e\u2028\u2029\u202f\u205f\u3000]/;

/** The text as PowerShell's tokenizer sees it, with the same length and offsets. */
export function normalizeForGrammar(text: string): string {
  if (!ANY.test(text)) return text;
  return text.replace(DASHES, "-").replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(SPACES, " ");
}
