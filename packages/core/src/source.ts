import { isAscii } from "node:buffer";
import type { Diagnostic, Range } from "./diagnostic.js";
import { ruleDocsUrl } from "./docs-url.js";
import { LineIndex } from "./text/line-index.js";
import { firstInvalidUtf8 } from "./text/utf8.js";

/** Larger inputs are refused before parsing: no real config or notificationSettings comes close. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export interface SourceText {
  file: string;
  text: string;
  /** A byte order mark was removed from the start of `text`. */
  bom: boolean;
  /** How the file was encoded; UTF-8 when not said. */
  encoding?: Encoding;
}

export type Encoding = "utf-8" | "utf-16le" | "utf-16be";

export type DecodeResult = { ok: true; source: SourceText } | { ok: false; diagnostic: Diagnostic };

const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function inputProblem(file: string, message: string, range = START): Diagnostic {
  return { ruleId: "input", severity: "error", message, file, range, docsUrl: ruleDocsUrl("input") };
}

/**
 * Windows-1252's characters for the bytes 0x80 to 0x9F, where it differs from Latin-1 (which it
 * is from 0xA0 up); a NUL for the five it leaves unassigned. Node 20's TextDecoder reads the
 * label "windows-1252" as Latin-1, which has control characters there.
 */
const WINDOWS_1252_80_9F =
  "\u20ac\0\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\0\u017d\0" +
  "\0\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\0\u017e\u0178";

/** What a byte that is not UTF-8 is in Windows-1252, which most text saved as "ANSI" or Latin-1 is in ("" for none). */
function windows1252(byte: number): string {
  const character = byte >= 0xa0 ? String.fromCharCode(byte) : byte >= 0x80 ? (WINDOWS_1252_80_9F[byte - 0x80] as string) : "\0";
  return character === "\0" ? "" : character;
}

/**
 * The finding for bytes that are not UTF-8, at the first byte that is not, with what that byte
 * would be in Windows-1252 (an é typed in an editor that saved the file as Latin-1, say).
 */
function notUtf8(file: string, bytes: Uint8Array, bom: boolean): Diagnostic {
  const from = bom ? 3 : 0;
  const at = firstInvalidUtf8(bytes, from);
  const before = decoder("utf-8").decode(bytes.subarray(from, at));
  const lines = new LineIndex(`${before} `);
  const byte = bytes[at] as number;
  const character = windows1252(byte);
  const guess = character === "" ? "" : ` (${JSON.stringify(character)} in Windows-1252)`;
  const hex = byte.toString(16).toUpperCase().padStart(2, "0");
  return inputProblem(
    file,
    `file is not valid UTF-8 text: byte 0x${hex}${guess} is not UTF-8; not read. Save the file as UTF-8`,
    lines.range(before.length, before.length + 1),
  );
}

/** The diagnostic for a file too large to read, decided from its size alone (before reading it). */
export function oversizeDiagnostic(file: string, size: number): Diagnostic | undefined {
  if (size <= MAX_INPUT_BYTES) return undefined;
  const mib = (size / 1024 / 1024).toFixed(1);
  return inputProblem(file, `file is ${mib} MiB, over the ${MAX_INPUT_BYTES / 1024 / 1024} MiB limit for inputs; not read`);
}

const DECODERS = new Map<Encoding, InstanceType<typeof TextDecoder>>();

/** A strict decoder, made once per encoding (a folder of files decodes thousands); one that failed is not used again. */
function decoder(encoding: Encoding): InstanceType<typeof TextDecoder> {
  let found = DECODERS.get(encoding);
  if (found === undefined) {
    found = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
    DECODERS.set(encoding, found);
  }
  return found;
}

/** A file with a NUL in it: said of its bytes when it has no byte order mark, of its characters when it has one. */
function binary(file: string, bom: boolean): Diagnostic {
  return inputProblem(file, `file is binary (it contains NUL ${bom ? "characters" : "bytes"}), not text; not read`);
}

/** The bytes as a Buffer, to decode as Latin-1: the bytes themselves when they are one (a view costs more than the copy of a small file). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Turns raw file bytes into text, or into one diagnostic for input that is not text at all
 * (too large, binary, not UTF-8/UTF-16). Nothing downstream ever sees such bytes.
 */
export function decodeSource(file: string, bytes: Uint8Array): DecodeResult {
  const oversize = oversizeDiagnostic(file, bytes.length);
  if (oversize) return { ok: false, diagnostic: oversize };
  let encoding: Encoding = "utf-8";
  let bom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = true;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, bom] = ["utf-16le", true];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, bom] = ["utf-16be", true];
  // Without a byte order mark, the text is UTF-8, in which a NUL character is a NUL byte and the
  // other way round: the bytes are looked at for one only when they do not decode.
  let text: string;
  try {
    // ASCII, as most files are, reads the same in UTF-8 and Latin-1, which is a plain copy.
    if (encoding === "utf-8" && !bom && isAscii(bytes)) text = asBuffer(bytes).toString("latin1");
    else text = decoder(encoding).decode(bytes);
  } catch {
    DECODERS.delete(encoding);
    if (!bom && bytes.includes(0)) return { ok: false, diagnostic: binary(file, bom) };
    if (encoding === "utf-8") return { ok: false, diagnostic: notUtf8(file, bytes, bom) };
    return { ok: false, diagnostic: inputProblem(file, `file is not valid ${encoding.toUpperCase()} text; not read`) };
  }
  if (text.includes("\0")) return { ok: false, diagnostic: binary(file, bom) };
  return { ok: true, source: { file, text, bom, encoding } };
}

/**
 * Text enough to tell what a file is when it is not text decodeSource accepts (badly encoded,
 * binary, or too large), from its first bytes: UTF-16 when a byte order mark says so, or a first
 * character with a NUL byte beside it (UTF-16 without one), each byte as a Latin-1 character
 * otherwise. The names and namespaces that tell one kind of file from another are ASCII, which
 * Latin-1 keeps whatever the file's own encoding (ISO-8859-1, Windows-1252, broken UTF-8).
 */
export function headText(bytes: Uint8Array): string {
  const head = asBuffer(bytes);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return head.toString("latin1", 3);
  // A lenient decoder: the bytes are known not to decode strictly, and it drops a byte order mark.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] !== 0 && head[1] === 0)) return new TextDecoder("utf-16le").decode(head);
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0 && head[1] !== 0)) return new TextDecoder("utf-16be").decode(head);
  return head.toString("latin1");
}

/** The bytes of a text in a source's encoding, with its byte order mark if it had one: what --fix writes back. */
export function encodeSource(source: SourceText, text: string): Uint8Array {
  const encoding = source.encoding ?? "utf-8";
  const withBom = source.bom ? `\uFEFF${text}` : text;
  if (encoding === "utf-8") return Buffer.from(withBom, "utf8");
  const bytes = Buffer.from(withBom, "utf16le");
  return encoding === "utf-16le" ? bytes : bytes.swap16();
}
