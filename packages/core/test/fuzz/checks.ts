import { expect } from "vitest";
import type { Diagnostic, Position } from "../../src/diagnostic.js";
import { fixFile, type LintOptions, lintFile } from "../../src/lint/lint-file.js";
import type { FileKind } from "../../src/lint/rule.js";
import { decodeSource, type SourceText } from "../../src/source.js";
import { scanXml } from "../../src/xml/scan.js";

// What must hold for any input, whatever its bytes: checked for every fuzz case and for every file
// of the regression corpus (fixtures/fuzz/<kind>/).

const FILE_NAMES: Record<FileKind, string> = { config: "smtpcfg.yaml", xml: "notificationSettings.xml", powershell: "script.ps1" };

/**
 * Decodes the bytes as the CLI does and lints them, then fixes them when there is a fix to make:
 * nothing throws, every finding lies inside its text, --fix loses no element or attribute (XML) and
 * leaves nothing a second --fix would change. Returns the decoded source, if the bytes are text, and
 * the findings --fix fixed.
 */
export async function checkInput(
  kind: FileKind,
  bytes: Uint8Array,
  options: LintOptions,
): Promise<{ source: SourceText; fixed: readonly Diagnostic[] } | undefined> {
  const decoded = decodeSource(FILE_NAMES[kind], bytes);
  if (!decoded.ok) {
    // Inside the text as an editor shows such bytes: decoded leniently, a byte that is not UTF-8 one replacement character.
    expectInside([decoded.diagnostic], new TextDecoder(bomEncoding(bytes)).decode(bytes));
    return undefined;
  }
  const { source } = decoded;
  const diagnostics = await lintFile(source, kind, options);
  expectInside(diagnostics, source.text);
  // Without a fix to make, --fix lints once and writes the text back as it was: nothing more to check.
  if (!diagnostics.some((diagnostic) => diagnostic.fix)) return { source, fixed: [] };
  const fixed = await fixFile(source, kind, options, diagnostics);
  expectInside(fixed.diagnostics, fixed.text);
  if (kind === "xml") expectNothingLost(source.text, fixed.text, options.config !== undefined);
  if (fixed.diagnostics.some((diagnostic) => diagnostic.fix)) {
    const again = await fixFile({ ...source, text: fixed.text }, kind, options, fixed.diagnostics);
    if (again.text !== fixed.text) expect(again.text, "a second --fix changed the text again").toBe(fixed.text);
  }
  return { source, fixed: fixed.fixed };
}

/** The encoding a byte order mark gives, UTF-8 without one: the one decodeSource reads the bytes in. */
function bomEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
}

/** The lengths of a text's lines, split where LineIndex splits them (LF, CRLF, a lone CR). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function inside(position: Position, lengths: readonly number[]): boolean {
  const length = lengths[position.line - 1];
  return Number.isInteger(position.column) && length !== undefined && position.column >= 1 && position.column <= length + 1;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.column <= b.column);

/** Every finding's range lies inside the text and ends at or after its start; every fix edits text that exists. */
function expectInside(diagnostics: readonly Diagnostic[], text: string): void {
  const lengths = lineLengths(text);
  const outside = diagnostics.filter(
    ({ range: { start, end }, fix }) =>
      !inside(start, lengths) ||
      !inside(end, lengths) ||
      !before(start, end) ||
      (fix !== undefined && (fix.offset < 0 || fix.length < 0 || fix.offset + fix.length > text.length)),
  );
  // expect() only on a failure: it costs more than the check, ten thousand times over.
  if (outside.length > 0) expect(outside, `findings outside a text of ${lengths.length} lines`).toEqual([]);
}

/** Attributes whose values the XML fixes rewrite (guid-format, scope-default, tls-mode, root-namespace). */
const REWRITTEN = new Set(["clientId", "scopes", "secureSocketOptions", "xmlns"]);

function counts(items: Iterable<string>): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
}

/** What `before` holds more often than `after`. */
function lost(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...before].filter(([key, count]) => (after.get(key) ?? 0) < count).map(([key]) => key);
}

/**
 * What the tolerant scan finds in an XML text: its elements, its attributes (those written as text
 * after a `>` included, as the scan recovers them) by name, and with their values.
 */
function inventory(text: string) {
  const { elements } = scanXml(text);
  const attributes = elements.flatMap((element) => element.attributes.map((attribute) => ({ element: element.name, ...attribute })));
  return {
    elements: counts(elements.map((element) => `<${element.name}>`)),
    names: counts(attributes.map(({ element, name }) => `<${element}> ${name}`)),
    values: counts(
      attributes
        .filter(({ name }) => !REWRITTEN.has(name.replace(/:.*/, "")))
        .map(({ element, name, value }) => `<${element}> ${name}=${JSON.stringify(value)}`),
    ),
  };
}

/**
 * --fix loses nothing: every element and attribute of the original is still there (a fix may add
 * some: a namespace, secureSocketOptions, or an element a removed DOCTYPE no longer hides), and
 * every attribute no fix rewrites keeps its value. With a config, config-drift may rewrite any
 * value but the secret, so then only names are compared.
 */
function expectNothingLost(original: string, fixed: string, withConfig: boolean): void {
  const was = inventory(original);
  const is = inventory(fixed);
  const missing = [...lost(was.elements, is.elements), ...lost(was.names, is.names), ...(withConfig ? [] : lost(was.values, is.values))];
  if (missing.length > 0) expect(missing, "lost by --fix").toEqual([]);
}
