import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { FileKind } from "../../src/lint/rule.js";
import { decodeSource } from "../../src/source.js";

// A mutation corpus: the fixtures and examples of a kind of file, each changed by a few mutations
// drawn by fast-check (so a failing case shrinks to the fewest, smallest mutations), then written
// with a line ending and an encoding, and its bytes damaged. The case is those bytes: the test
// decodes them with decodeSource, as the CLI does, so encodings and broken bytes are real.

const ROOT = join(import.meta.dirname, "../../../..");

const EXTENSIONS: Record<FileKind, RegExp> = { config: /\.ya?ml$/, xml: /\.xml$/, powershell: /\.ps1$/ };
const FOLDERS: Record<FileKind, string[]> = {
  config: ["fixtures/config/ok", "fixtures/config/err", "fixtures/ps1/err", "fixtures/fuzz/config", "examples", "examples/broken"],
  xml: ["fixtures/xml/ok", "fixtures/xml/err", "fixtures/fuzz/xml", "examples", "examples/broken"],
  powershell: ["fixtures/ps1/ok", "fixtures/ps1/err", "fixtures/fuzz/ps1", "examples", "examples/broken"],
};

export interface CorpusFile {
  /** The path from the repository's root. */
  file: string;
  text: string;
}

/** The decoded texts of the fixtures and examples of a kind (UTF-16 fixtures included). */
export function corpus(kind: FileKind): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const folder of FOLDERS[kind]) {
    // fixtures/fuzz/<kind> exists once an input of the kind has been a fuzz failure.
    if (!existsSync(join(ROOT, folder))) continue;
    for (const name of readdirSync(join(ROOT, folder)).sort()) {
      if (!EXTENSIONS[kind].test(name)) continue;
      const file = `${folder}/${name}`;
      const decoded = decodeSource(file, readFileSync(join(ROOT, file)));
      if (decoded.ok) files.push({ file, text: decoded.source.text });
    }
  }
  return files;
}

/** Pieces of YAML syntax, each a mistake or a construct when inserted (the fast YAML path's test mutates with them too). */
export const YAML_PIECES = [
  " ",
  "  ",
  "-",
  "- ",
  ":",
  ": ",
  "#",
  " #",
  "'",
  '"',
  "[",
  "]",
  "{",
  "}",
  ",",
  "\n",
  "&a ",
  "*a",
  "!",
  "|",
  ">",
  "?",
  "\\",
  "0",
  ".5",
  "~",
  "a",
];

/** Pieces that mean something to each kind of file: inserted whole, they make the mistakes people make. */
const TOKENS: Record<FileKind, string[]> = {
  config: [
    ...YAML_PIECES,
    "\t",
    "\n  ",
    "<<: ",
    "!!str ",
    "!!binary ",
    "!!set ",
    "!!float ",
    "!Sub ",
    "&s ",
    "*s",
    "%YAML 1.2\n",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "null",
    "yes",
    "0x1F",
    "2099-02-30",
    "{ env: X }",
    "{ file: x }",
    "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
    "# smtpcfg-disable-next-line\n",
    "\u2028",
    "\u0085",
    "\uFEFF",
  ],
  xml: [
    "<",
    ">",
    "/>",
    "</",
    "?>",
    '"',
    "'",
    "=",
    " ",
    "\n",
    "&",
    "&amp;",
    "&#x41;",
    "&#0;",
    "&nbsp;",
    "&x;",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml",
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="utf-8">',
    '<!DOCTYPE a [<!ENTITY e "x">]>',
    "]>",
    'xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML"',
    'xmlns=""',
    "xmlns:p=",
    "p:",
    "<network ",
    'port="587"',
    'secureSocketOptions="starttls"',
    'clientId="{7a83471e-a8c7-4c06-8120-77b9aa56fa04}"',
    'scopes="SMTP.SendAsApp"',
    "<azureAdClientCredentials>",
    " />",
    "<!-- smtpcfg-disable-next-line -->",
    "\uFEFF",
  ],
  powershell: [
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    '"',
    "'",
    "\u2019",
    "\u201C",
    '@"\n',
    '\n"@',
    "@'\n",
    "\n'@",
    "`",
    "`\n",
    "$(",
    "${",
    "$",
    "<#",
    "#>",
    "#",
    "|",
    ";",
    "&&",
    "||",
    "\n",
    " ",
    "-ServiceId ",
    "-ObjectId ",
    "New-ServicePrincipal ",
    "@params",
    "$params = @{ ServiceId = 'x' }\n",
    "Set-CASMailbox -SmtpClientAuthenticationDisabled $true\n",
    "function f {",
    "param(",
    "# smtpcfg-disable-next-line\n",
    "\uFEFF",
  ],
};

export type Mutation =
  | { op: "truncate"; at: number }
  | { op: "delete"; at: number; length: number }
  | { op: "insert"; at: number; text: string }
  | { op: "copy"; from: number; length: number; to: number }
  | { op: "duplicate-tag"; tag: number; to: number }
  | { op: "drop-tag"; tag: number }
  | { op: "swap-lines"; a: number; b: number };

export interface Writing {
  lineEnding: "as-is" | "crlf" | "lf" | "cr";
  encoding: "utf-8" | "utf-8-bom" | "utf-16le-bom" | "utf-16be-bom" | "utf-16le";
  /** Bits flipped in the bytes (byte offset, bit). */
  flips: [number, number][];
  /** Bytes cut off the end (say, the half of a UTF-16 unit or of a UTF-8 sequence). */
  cut: number;
}

export interface MutatedFile {
  /** The fixture or example it was made from. */
  base: string;
  mutations: Mutation[];
  writing: Writing;
  /** The bytes of the case, what a file would hold. */
  bytes: Uint8Array;
}

const TAG = /<[^<>]*>?/g;

/** The start and end of the `index`-th tag-like piece (`<…>`), counted modulo their number. */
function tagAt(text: string, index: number): [number, number] | undefined {
  const tags = [...text.matchAll(TAG)];
  const match = tags[index % Math.max(tags.length, 1)];
  return match ? [match.index, match.index + match[0].length] : undefined;
}

/** Applies one mutation; offsets are taken modulo the text's length, so any number is a valid one. */
export function mutate(text: string, mutation: Mutation): string {
  const at = (offset: number) => offset % (text.length + 1);
  switch (mutation.op) {
    case "truncate":
      return text.slice(0, at(mutation.at));
    case "delete":
      return text.slice(0, at(mutation.at)) + text.slice(at(mutation.at) + mutation.length);
    case "insert":
      return text.slice(0, at(mutation.at)) + mutation.text + text.slice(at(mutation.at));
    case "copy": {
      const piece = text.slice(at(mutation.from), at(mutation.from) + mutation.length);
      return text.slice(0, at(mutation.to)) + piece + text.slice(at(mutation.to));
    }
    case "duplicate-tag": {
      const tag = tagAt(text, mutation.tag);
      if (!tag) return text;
      return text.slice(0, at(mutation.to)) + text.slice(...tag) + text.slice(at(mutation.to));
    }
    case "drop-tag": {
      const tag = tagAt(text, mutation.tag);
      return tag ? text.slice(0, tag[0]) + text.slice(tag[1]) : text;
    }
    case "swap-lines": {
      const lines = text.split("\n");
      const a = mutation.a % lines.length;
      const b = mutation.b % lines.length;
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      return lines.join("\n");
    }
  }
}

const position = fc.nat({ max: 1_000_000 });

function mutation(kind: FileKind): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ op: fc.constant("truncate" as const), at: position }),
    fc.record({ op: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      op: fc.constant("insert" as const),
      at: position,
      text: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...TOKENS[kind]) },
        // Random Unicode: any code point, lone surrogates and control characters included.
        { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 6 }) },
      ),
    }),
    fc.record({ op: fc.constant("copy" as const), from: position, length: fc.integer({ min: 1, max: 200 }), to: position }),
    fc.record({ op: fc.constant("duplicate-tag" as const), tag: fc.nat({ max: 200 }), to: position }),
    fc.record({ op: fc.constant("drop-tag" as const), tag: fc.nat({ max: 200 }) }),
    fc.record({ op: fc.constant("swap-lines" as const), a: fc.nat({ max: 300 }), b: fc.nat({ max: 300 }) }),
  );
}

const writing: fc.Arbitrary<Writing> = fc.record({
  lineEnding: fc.constantFrom("as-is", "as-is", "crlf", "lf", "cr"),
  encoding: fc.oneof(
    { weight: 6, arbitrary: fc.constant("utf-8" as const) },
    { weight: 1, arbitrary: fc.constantFrom("utf-8-bom" as const, "utf-16le-bom" as const, "utf-16be-bom" as const, "utf-16le" as const) },
  ),
  flips: fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as [number, number][]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(position, fc.nat({ max: 7 })), { minLength: 1, maxLength: 3 }) },
  ),
  cut: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
});

const LINE_BREAK = /\r\n|\r|\n/g;

/** The text written as a file would hold it: line endings, encoding, then damaged bytes. */
export function write(text: string, { lineEnding, encoding, flips, cut }: Writing): Uint8Array {
  const ending = { "as-is": undefined, crlf: "\r\n", lf: "\n", cr: "\r" }[lineEnding];
  const lines = ending === undefined ? text : text.replace(LINE_BREAK, ending);
  const bom = encoding.endsWith("-bom") ? `\uFEFF${lines}` : lines;
  let bytes: Buffer;
  if (encoding.startsWith("utf-8")) bytes = Buffer.from(bom, "utf8");
  else {
    bytes = Buffer.from(bom, "utf16le");
    if (encoding === "utf-16be-bom") bytes.swap16();
  }
  for (const [offset, bit] of flips) {
    if (bytes.length > 0) {
      const at = offset % bytes.length;
      bytes[at] = (bytes[at] as number) ^ (1 << bit);
    }
  }
  return bytes.subarray(0, Math.max(0, bytes.length - cut));
}

/**
 * Mutated files of a kind: a fixture or example, up to four mutations, then written out. A case
 * prints as its recipe (base file, mutations, writing), not as its bytes.
 */
export function mutatedFile(kind: FileKind, files: readonly CorpusFile[] = corpus(kind)): fc.Arbitrary<MutatedFile> {
  return fc
    .record({ base: fc.constantFrom(...files), mutations: fc.array(mutation(kind), { maxLength: 4 }), writing })
    .map(({ base, mutations, writing }) => {
      const recipe = { base: base.file, mutations, writing };
      const bytes = write(mutations.reduce(mutate, base.text), writing);
      return { ...recipe, bytes, [fc.toStringMethod]: () => JSON.stringify(recipe) };
    });
}
