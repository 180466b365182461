import { LineIndex } from "../text/line-index.js";
import type { Span } from "../xml/document.js";

const LETTER = /[\p{L}\p{N}]/u;

/**
 * A syntax error PowerShell's own tokenizer stops at, found by a scan that follows its rules for
 * strings, here-strings, comments, variables and brackets. Unlike an ERROR node of the tree-sitter
 * grammar (which rejects some valid PowerShell), each of these is an error to PowerShell too.
 */
export interface ScanError {
  message: string;
  span: Span;
  /** An unterminated string or comment: everything after its start was swallowed by it. */
  swallowsRest: boolean;
}

type Opener = "(" | "{" | "$(" | "@(" | "@{";
interface CodeFrame {
  kind: "code";
  opener: Opener | undefined;
  start: number;
}
interface StringFrame {
  kind: "string";
  start: number;
  here: boolean;
}
type Frame = CodeFrame | StringFrame;

const CLOSER: Record<Opener, ")" | "}"> = { "(": ")", "$(": ")", "@(": ")", "{": "}", "@{": "}" };
/** Characters after which `#` and `<#` start a comment (a `#` inside a bare word such as `a#b` does not). */
const TOKEN_BOUNDARY = new Set([..." \t\r\n;|&(){}[],=<>'\"", "\f", "\v"]);
const VARIABLE_CHAR = /[\p{L}\p{N}_?]/u;
/** More unclosed brackets than this at the end of the file are reported as one finding. */
const MAX_UNCLOSED_REPORTED = 5;

/**
 * Reports what PowerShell's tokenizer rejects in a script: `text` normalized to ASCII punctuation,
 * `original` as written (for messages about typographic quotes).
 */
export function scanPowerShell(text: string, original = text): ScanError[] {
  return new Scanner(text, original).run();
}

class Scanner {
  readonly #text: string;
  readonly #original: string;
  readonly #lines: LineIndex;
  readonly #errors: ScanError[] = [];
  readonly #stack: Frame[] = [{ kind: "code", opener: undefined, start: 0 }];
  /** A closing bracket indented less than the line of the bracket it closed: where a missing one probably belongs. */
  #misindented: { closer: number; opener: number }[] = [];
  /** The last string of each kind that was closed: a string that ran over lines may have lost its closing quote. */
  readonly #lastClosed: Partial<Record<"'" | '"', Span>> = {};
  /** The first typographic apostrophe between letters (Omada’s) that closed a '…' string. */
  #apostrophe: number | undefined;
  #i = 0;

  constructor(text: string, original: string) {
    this.#text = text;
    this.#original = original;
    this.#lines = new LineIndex(text);
  }

  run(): ScanError[] {
    const text = this.#text;
    while (this.#i < text.length) {
      const frame = this.#stack[this.#stack.length - 1] as Frame;
      const done = frame.kind === "string" ? this.#stringStep(frame) : this.#codeStep();
      if (done) return this.#errors;
    }
    this.#endOfText();
    return this.#errors;
  }

  /** A hint when the quote at an offset is a typographic one, which PowerShell reads as a quote too. */
  #typographic(at: number): string {
    const written = this.#original[at];
    if (written === undefined || written === this.#text[at]) return "";
    return this.#text[at] === "'"
      ? `; ${written} is a typographic quote, and PowerShell reads ‘ ’ ‚ ‛ as ' too, so an apostrophe written ’ (it’s) ends a '…' string early: put text with apostrophes in double quotes`
      : `; ${written} is a typographic quote, and PowerShell reads “ ” „ as " too, so one inside a "…" string ends it early: write it \`" or use single quotes around the text`;
  }

  #line(offset: number): number {
    return this.#lines.position(offset).line;
  }

  #error(start: number, end: number, message: string, swallowsRest = false): void {
    this.#errors.push({ message, span: { start, end }, swallowsRest });
  }

  /** One step in code; true when the rest of the text was swallowed. */
  #codeStep(): boolean {
    const text = this.#text;
    const i = this.#i;
    const c = text[i] as string;
    const next = text[i + 1];
    const atBoundary = i === 0 || TOKEN_BOUNDARY.has(text[i - 1] as string);
    if (c === "#" && atBoundary) return this.#skipLineComment();
    if (c === "<" && next === "#" && atBoundary) return this.#blockComment();
    if (c === "`") {
      this.#i += 2;
      return false;
    }
    if (c === "'") return this.#verbatimString(i);
    if (c === '"') {
      this.#stack.push({ kind: "string", start: i, here: false });
      this.#i++;
      return false;
    }
    if (c === "@" && (next === "'" || next === '"')) return this.#hereString(i, next);
    if (c === "$") return this.#variable(i);
    if ((c === "@" && (next === "(" || next === "{")) || c === "(" || c === "{") {
      const opener = (c === "@" ? c + next : c) as Opener;
      this.#stack.push({ kind: "code", opener, start: i });
      this.#i += opener.length;
      return false;
    }
    if (c === ")" || c === "}") {
      this.#close(i, c);
      this.#i++;
      return false;
    }
    if (c === "|") return this.#pipe(i);
    if (c === "-" && atBoundary && text.startsWith("--%", i)) {
      // Stop-parsing: PowerShell passes the rest of the line as it is.
      this.#toEndOfLine();
      return false;
    }
    this.#i++;
    return false;
  }

  /** One step inside an expandable string; true when the rest of the text was swallowed. */
  #stringStep(frame: StringFrame): boolean {
    const text = this.#text;
    const i = this.#i;
    const c = text[i] as string;
    if (frame.here && (c === "\n" || c === "\r")) {
      const lineStart = c === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
      if (text.startsWith('"@', lineStart)) {
        this.#stack.pop();
        this.#i = lineStart + 2;
      } else {
        this.#i = lineStart;
      }
      return false;
    }
    if (c === "`") {
      this.#i += 2;
      return false;
    }
    if (c === "$") {
      if (text[i + 1] === "(") {
        this.#stack.push({ kind: "code", opener: "$(", start: i });
        this.#i += 2;
        return false;
      }
      return this.#variable(i);
    }
    if (c === '"' && !frame.here) {
      if (text[i + 1] === '"') {
        this.#i += 2;
      } else {
        this.#stack.pop();
        this.#lastClosed['"'] = { start: frame.start, end: i };
        this.#i++;
      }
      return false;
    }
    this.#i++;
    return false;
  }

  #toEndOfLine(): void {
    const text = this.#text;
    while (this.#i < text.length && text[this.#i] !== "\n" && text[this.#i] !== "\r") this.#i++;
  }

  #skipLineComment(): boolean {
    this.#toEndOfLine();
    return false;
  }

  #blockComment(): boolean {
    const start = this.#i;
    const end = this.#text.indexOf("#>", start + 2);
    if (end === -1) {
      this.#error(
        start,
        start + 2,
        `the block comment that starts on line ${this.#line(start)} is never closed: the file ends inside it, so PowerShell reads the rest of the script as a comment; end it with "#>"`,
        true,
      );
      return true;
    }
    this.#i = end + 2;
    return false;
  }

  #verbatimString(start: number): boolean {
    const text = this.#text;
    let j = start + 1;
    for (;;) {
      const k = text.indexOf("'", j);
      if (k === -1) {
        const inWord = start > 0 && LETTER.test(text[start - 1] as string);
        const hint =
          this.#apostropheHint() ||
          this.#typographic(start) ||
          this.#runOnHint("'", start) ||
          (inWord
            ? `; an apostrophe inside an unquoted word (O'Brien) starts a string too: put the whole value in double quotes, or write the apostrophe twice inside single quotes ('O''Brien')`
            : `; add the closing ' (a ' inside the string is written '')`);
        this.#error(
          start,
          start + 1,
          `the string that starts on line ${this.#line(start)} is never closed, so PowerShell reads the rest of the script as part of it and stops with "The string is missing the terminator: '."${hint}`,
          true,
        );
        return true;
      }
      if (text[k + 1] === "'") {
        j = k + 2;
        continue;
      }
      const written = this.#original[k];
      if (this.#apostrophe === undefined && written !== "'" && LETTER.test(text[k - 1] ?? "") && LETTER.test(text[k + 1] ?? "")) {
        this.#apostrophe = k;
      }
      this.#lastClosed["'"] = { start, end: k };
      this.#i = k + 1;
      return false;
    }
  }

  /** The typographic apostrophe that closed a string too early, which set every later quote off by one. */
  #apostropheHint(): string {
    const at = this.#apostrophe;
    if (at === undefined) return "";
    const original = this.#original;
    let from = at;
    let to = at + 1;
    while (from > 0 && LETTER.test(original[from - 1] as string)) from--;
    while (to < original.length && LETTER.test(original[to] as string)) to++;
    return `; the ${original[at]} in ${original.slice(from, to)} on line ${this.#line(at)} is a typographic quote, which PowerShell reads as ' too: it ended the string there, and every quote after it pairs up wrongly; put text with apostrophes in double quotes`;
  }

  /** A hint when the string closed before this one ran over several lines and ended on this one. */
  #runOnHint(quote: "'" | '"', start: number): string {
    const previous = this.#lastClosed[quote];
    if (!previous) return "";
    const [opened, closed] = [this.#line(previous.start), this.#line(previous.end)];
    if (opened === closed || closed !== this.#line(start)) return "";
    return `; the string before it starts on line ${opened} but ends only on line ${closed}: if it should end on line ${opened}, its closing ${quote} is missing there, and the ${quote} on line ${closed} was meant to open the next string`;
  }

  /** `@'` or `@"`: the header must end its line, and the footer must start one. */
  #hereString(start: number, quote: "'" | '"'): boolean {
    const text = this.#text;
    let j = start + 2;
    while (text[j] === " " || text[j] === "\t") j++;
    if (j < text.length && text[j] !== "\n" && text[j] !== "\r") {
      this.#error(
        start,
        start + 2,
        `a here-string's @${quote} must be the last thing on its line, and its text starts on the next line: PowerShell stops with "No characters are allowed after a here-string header but before the end of the line."; for a one-line string, use ${quote}…${quote} without the @`,
      );
      // Read on as if the @ were not there, so that the quote that follows is scanned as an ordinary string.
      this.#i = start + 1;
      return false;
    }
    const bodyStart = text[j] === "\r" && text[j + 1] === "\n" ? j + 2 : j + 1;
    if (quote === '"') {
      this.#stack.push({ kind: "string", start, here: true });
      // An empty here-string: its footer is on the line right after the header.
      if (text.startsWith('"@', bodyStart)) {
        this.#stack.pop();
        this.#i = bodyStart + 2;
      } else {
        this.#i = bodyStart;
      }
      return false;
    }
    const footer = /(?:^|\r\n?|\n)'@/g;
    footer.lastIndex = bodyStart > 0 ? bodyStart - 1 : 0;
    for (let match = footer.exec(text); match; match = footer.exec(text)) {
      const at = match.index + match[0].length - 2;
      if (at >= bodyStart) {
        this.#i = at + 2;
        return false;
      }
    }
    this.#unterminatedHereString(start, bodyStart, quote);
    return true;
  }

  #unterminatedHereString(start: number, bodyStart: number, quote: "'" | '"'): void {
    const indented = new RegExp(`(?:\\r\\n?|\\n)([ \\t]+)${quote}@`, "g");
    indented.lastIndex = Math.max(0, bodyStart - 1);
    const misplaced = indented.exec(this.#text);
    const line = this.#line(start);
    if (misplaced) {
      const at = misplaced.index + misplaced[0].length - 2;
      this.#error(
        at,
        at + 2,
        `the ${quote}@ that should end the here-string of line ${line} is indented, so it does not end it: PowerShell stops with "White space is not allowed before the string terminator."; move ${quote}@ to the very start of line ${this.#line(at)}`,
        true,
      );
      return;
    }
    this.#error(
      start,
      start + 2,
      `the here-string that starts on line ${line} is never closed, so PowerShell reads the rest of the script as part of it and stops with "The string is missing the terminator: ${quote}@."; end it with ${quote}@ at the very start of a line`,
      true,
    );
  }

  /** `$name`, `${name}`, `$scope:name`, `$(`: a `$name:` followed by no name is an error PowerShell reports. */
  #variable(start: number): boolean {
    const text = this.#text;
    const next = text[start + 1];
    if (next === "{") {
      let j = start + 2;
      while (j < text.length && text[j] !== "}") j += text[j] === "`" ? 2 : 1;
      if (j >= text.length) {
        this.#error(
          start,
          start + 2,
          `the variable name that starts with "\${" on line ${this.#line(start)} is never closed with "}", so PowerShell reads the rest of the script as its name; add the "}"`,
          true,
        );
        return true;
      }
      this.#i = j + 1;
      return false;
    }
    if (next === "(" && this.#stack[this.#stack.length - 1]?.kind === "code") {
      this.#stack.push({ kind: "code", opener: "$(", start });
      this.#i = start + 2;
      return false;
    }
    let j = start + 1;
    while (j < text.length && VARIABLE_CHAR.test(text[j] as string)) j++;
    if (j > start + 1 && text[j] === ":" && text[j + 1] !== ":" && !VARIABLE_CHAR.test(text[j + 1] ?? "")) {
      const name = text.slice(start + 1, j);
      this.#error(
        start,
        j + 1,
        `"$${name}:" is read as a variable in the "${name}" drive (like $env:PATH) with no name after the colon: PowerShell stops with "Variable reference is not valid. ':' was not followed by a valid variable name character."; write \${${name}}: to put a colon after the value`,
      );
      this.#i = j + 1;
      return false;
    }
    this.#i = Math.max(j, start + 1);
    return false;
  }

  /** `|` with nothing after it but the end of a block or of the script: an empty pipe element. */
  #pipe(start: number): boolean {
    const text = this.#text;
    if (text[start + 1] === "|") {
      this.#i = start + 2;
      return false;
    }
    let j = start + 1;
    for (;;) {
      const c = text[j];
      if (c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\f" || c === "\v") j++;
      else if (c === "`" && (text[j + 1] === "\n" || text[j + 1] === "\r")) j += 2;
      else if (c === "#") {
        while (j < text.length && text[j] !== "\n" && text[j] !== "\r") j++;
      } else if (c === "<" && text[j + 1] === "#") {
        const end = text.indexOf("#>", j + 2);
        if (end === -1) break;
        j = end + 2;
      } else break;
    }
    const after = text[j];
    if (after === undefined || after === ")" || after === "}" || after === ";" || (after === "|" && text[j + 1] !== "|")) {
      const what = after === undefined ? "the end of the script" : `"${after}" on line ${this.#line(j)}`;
      this.#error(
        start,
        start + 1,
        `this | pipes into nothing: ${what} comes next, and PowerShell stops with "An empty pipe element is not allowed."; remove the | or write the command that should receive the output`,
      );
    }
    this.#i = start + 1;
    return false;
  }

  #close(at: number, closer: ")" | "}"): void {
    const stack = this.#stack;
    let depth = stack.length - 1;
    // A closer matches the nearest open bracket of its kind inside the current string or block.
    while (depth > 0) {
      const frame = stack[depth] as Frame;
      if (frame.kind === "string") break;
      if (frame.opener && CLOSER[frame.opener] === closer) break;
      depth--;
    }
    const match = stack[depth] as Frame;
    if (depth === 0 || match.kind === "string" || !match.opener) {
      const opener = closer === ")" ? "(" : "{";
      this.#error(
        at,
        at + 1,
        `this ${closer} closes nothing: no ${opener} is open here, and PowerShell stops with "Unexpected token '${closer}' in expression or statement."; remove it, or add the ${opener} it was meant to close`,
      );
      return;
    }
    for (const unclosed of stack.splice(depth + 1)) this.#unclosed([unclosed as CodeFrame], at);
    stack.pop();
    this.#noteIndentation(match.start, at);
  }

  /** Remembers a closer that sits further left than the line of the bracket it closes. */
  #noteIndentation(opener: number, closer: number): void {
    const text = this.#text;
    const closerLine = this.#lines.lineStart(this.#line(closer));
    if (text.slice(closerLine, closer).trim() !== "") return;
    const openerLine = this.#lines.lineStart(this.#line(opener));
    const indent = (from: number) => /^[ \t]*/.exec(text.slice(from, from + 200))?.[0].replace(/\t/g, "    ").length ?? 0;
    if (indent(closerLine) < indent(openerLine)) this.#misindented.push({ closer, opener });
  }

  #unclosed(frames: CodeFrame[], before?: number): void {
    const [first] = frames;
    if (!first?.opener) return;
    const opener = first.opener;
    const closer = CLOSER[opener];
    const line = this.#line(first.start);
    const where =
      before === undefined
        ? "the file ends first"
        : `the ${this.#text[before]} on line ${this.#line(before)} closes a bracket opened before it`;
    const quoted =
      closer === "}" && opener === "{" ? ` and PowerShell stops with "Missing closing '}' in statement block or type definition."` : "";
    const hint = this.#hintInside(first.start, before ?? this.#text.length);
    const more =
      frames.length > 1
        ? `; ${frames.length - 1} more brackets opened after it are not closed either (the first on line ${this.#line((frames[1] as CodeFrame).start)})`
        : "";
    this.#error(
      first.start,
      first.start + opener.length,
      `this ${opener} on line ${line} is never closed: ${where}${quoted}; add the ${closer} where it should end${hint}${more}`,
    );
  }

  /** A closer indented like an outer line, inside the block of an unclosed bracket: the likely place of the missing one. */
  #hintInside(start: number, end: number): string {
    const suspect = this.#misindented.find((entry) => entry.opener > start && entry.closer < end);
    if (!suspect) return "";
    return ` (the ${this.#text[suspect.closer]} on line ${this.#line(suspect.closer)} closes the bracket of line ${this.#line(suspect.opener)} but is indented like an outer line: the missing one probably belongs before it)`;
  }

  #endOfText(): void {
    const open = this.#stack.slice(1);
    const strings = open.filter((frame): frame is StringFrame => frame.kind === "string");
    if (strings[0]) {
      // An open string swallows everything after it, brackets included: report the string alone.
      const start = strings[0].start;
      const here = strings[0].here;
      if (here) {
        this.#unterminatedHereString(start, start + 2, '"');
        return;
      }
      this.#error(
        start,
        start + 1,
        `the string that starts on line ${this.#line(start)} is never closed, so PowerShell reads the rest of the script as part of it and stops with "The string is missing the terminator: "."${this.#typographic(start) || this.#runOnHint('"', start) || '; add the closing " (a " inside the string is written `" or "")'}`,
        true,
      );
      return;
    }
    const brackets = open as CodeFrame[];
    if (brackets.length > MAX_UNCLOSED_REPORTED) {
      this.#unclosed(brackets);
      return;
    }
    for (const frame of brackets) this.#unclosed([frame]);
  }
}
