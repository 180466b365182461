import { isAscii } from "node:buffer";
import type { Diagnostic } from "./diagnostic.js";

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

function inputProblem(file: string, message: string): Diagnostic {
  const start = { line: 1, column: 1 };
  return { ruleId: "input", severity: "error", message, file, range: { start, end: start } };
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
