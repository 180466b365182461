// The secrets a script holds as literals, found in its text as it runs (no parse: a diff of a
// script that does not parse must hide them too). A client secret, password or token reaches a
// script by name: assigned to a variable, given to a parameter, put in a hashtable (a token
// request's body, a header) or a form field, or turned into a SecureString.

/** A quoted PowerShell string as written: '…' ('' inside), or "…" (`x and "" inside). */
const QUOTED = String.raw`'(?:[^']|'')*'|"(?:[^"\x60]|\x60[\s\S]|"")*"`;

/** The name of what holds a secret, the whole name: $clientSecret, -ClientSecret, client_secret, $accessToken, Password, Authorization. */
const SECRET_NAME = String.raw`[\w:]*?(?:secret|password|passwd|pwd|token|apikey|api_key)(?:_?(?:value|text|plain(?:text)?|string))?|authorization`;

/** `$name = '…'`, `-Name '…'`, `-Name:'…'`, `Name = '…'` (a hashtable entry): the literal named so. */
const NAMED = new RegExp(String.raw`(?<![\w$-])[$-]?(?:${SECRET_NAME})(?!\w)(?:[ \t]*[=:][ \t]*|[ \t]+)(${QUOTED})`, "gi");
/** `client_secret=…&` in a request body written out as a string. */
const FORM_FIELD = /(?<![\w$])(?:client_secret|client_assertion|access_token|password)=([^&'"\s`$][^&'"\s`]*)/gi;
/** `ConvertTo-SecureString '…' -AsPlainText`, and `-String '…'`, ConvertTo-SecureString's parameter wherever it is written. */
const SECURE_STRING_ARGUMENT = new RegExp(
  String.raw`(?:ConvertTo-SecureString|(?<![\w$-])-String(?![\w-]))(?:[ \t]*:[ \t]*|[ \t]+)(${QUOTED})`,
  "gi",
);
/** `'…' | ConvertTo-SecureString`: the literal piped into it ends before this, blanks aside. */
const PIPED_TO_SECURE_STRING = /\|[ \t]*ConvertTo-SecureString\b/gi;

/** A quoted string's content as written; undefined for a "…" string that expands a variable, whose value the text does not hold. */
function content(quoted: string): string | undefined {
  const inner = quoted.slice(1, -1);
  return quoted.startsWith('"') && inner.includes("$") ? undefined : inner;
}

/**
 * The quoted string that ends just before `at` on its line, blanks aside, read backwards (a pattern
 * that ends there would be tried from every quote before it, in time that grows with the square of a line).
 */
function literalBefore(text: string, at: number): string | undefined {
  let end = at;
  while (text[end - 1] === " " || text[end - 1] === "\t") end--;
  const quote = text[end - 1];
  if (quote !== "'" && quote !== '"') return undefined;
  for (let i = end - 2; i >= 0 && text[i] !== "\n"; i--) {
    if (text[i] !== quote) continue;
    // A quote doubled, or a backtick before a double quote, is inside the string.
    if (text[i - 1] === quote || (quote === '"' && text[i - 1] === "`")) i--;
    else return content(text.slice(i, end));
  }
  return undefined;
}

/** The literal client secrets, passwords and tokens a PowerShell script names, as written in its text. */
export function powerShellSecrets(text: string): string[] {
  const quoted = [NAMED, SECURE_STRING_ARGUMENT].flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match) => content(match[1] as string)),
  );
  const piped = [...text.matchAll(PIPED_TO_SECURE_STRING)].map((match) => literalBefore(text, match.index));
  const bare = [...text.matchAll(FORM_FIELD)].map((match) => match[1]);
  return [...quoted, ...piped, ...bare].filter((value): value is string => value !== undefined);
}
