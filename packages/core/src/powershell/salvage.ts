import type { Node, Parser } from "web-tree-sitter";
import { LineIndex } from "../text/line-index.js";
import type { Span } from "../xml/document.js";
import { CHECKED_CMDLETS } from "./cmdlets.js";

/** A checked cmdlet's name where a command starts: at a line start, or after a bracket, `;`, `|`, `&`, `=` or a space. */
const CHECKED = new RegExp(`(?<=^|[\\s{(;|&=])(?:[\\w.]+\\\\)?(?:${CHECKED_CMDLETS.join("|")})(?![\\w-])`, "gim");

/**
 * How many line breaks a bracket opened inside a command may hold before salvage gives the command
 * up. A bracket that stays open to the end of the file, or longer than this, is a mistake PowerShell
 * reports (ps-syntax), and the command inside it cannot parse alone without error either. Without
 * the bound, a script whose every line leaves a `(` open made each command's range run to the end
 * of the file: every command scanned and parsed again the rest of the script (1,000 such lines,
 * 130 KB, took minutes). With it, salvage reads at most this many lines per command.
 */
const MAX_BRACKET_LINES = 100;

/**
 * Where the command that starts at `start` ends: the end of its line (a backtick continues it), a
 * `;` or `|`, or a closing bracket that closes something opened before it; strings and brackets
 * opened inside it are skipped whole. Undefined when a bracket it opens is still open at the end of
 * the text or after MAX_BRACKET_LINES line breaks.
 */
function commandEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let lineBreaks = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    const lineBreak = c === "\n" || (c === "\r" && text[i + 1] !== "\n");
    if (lineBreak && depth > 0 && ++lineBreaks > MAX_BRACKET_LINES) return undefined;
    if (c === "`") i += 2;
    else if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close === -1) return text.length;
      i = close + 1;
    } else if (c === "(" || c === "{" || c === "[") {
      depth++;
      i++;
    } else if (c === ")" || c === "}" || c === "]") {
      if (depth === 0) return i;
      depth--;
      i++;
    } else if (depth === 0 && (c === "\n" || c === "\r" || c === ";" || c === "|" || (c === "#" && /\s/.test(text[i - 1] ?? "")))) {
      return i;
    } else i++;
  }
  return depth > 0 ? undefined : text.length;
}

/**
 * The commands rules check that sit inside statements the grammar could not parse
 * (`function Register { param($Id) New-ServicePrincipal … }`): each is parsed again on its own,
 * the parser reading only its text (offsets stay those of the script), and kept when it then
 * parses without error. Only its text: parsing the whole script again for each command took
 * minutes for a long script with an unclosed brace. `visit` receives each such command node while
 * its tree is alive.
 */
export function salvageCommands(parser: Parser, text: string, unparsed: readonly Span[], visit: (node: Node) => void): void {
  let lines: LineIndex | undefined;
  const point = (offset: number) => {
    lines ??= new LineIndex(text);
    const { line, column } = lines.position(offset);
    return { row: line - 1, column: column - 1 };
  };
  for (const span of unparsed) {
    CHECKED.lastIndex = 0;
    for (const match of text.slice(span.start, span.end).matchAll(CHECKED)) {
      const start = span.start + match.index;
      const end = commandEnd(text, start);
      if (end === undefined) continue;
      const only = { startIndex: start, endIndex: end, startPosition: point(start), endPosition: point(end) };
      const tree = parser.parse(text, null, { includedRanges: [only] });
      if (!tree) continue;
      try {
        const command = tree.rootNode.descendantsOfType("command").find((node) => node?.startIndex === start);
        if (command && !command.hasError) visit(command);
      } finally {
        tree.delete();
      }
    }
  }
}
