import { describe, expect, it } from "vitest";
import { seededRandom } from "../../test/seeded-random.js";
import { compareText } from "./compare.js";

const english = new Intl.Collator("en");
const printable = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index));

/** Texts that differ where it matters: few letters in both cases, digits, punctuation, prefixes of each other. */
function texts(count: number, alphabet: readonly string[], seed: number): string[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * 7);
    return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
  });
}

/** The pairs of texts that compareText orders otherwise than English collation does (none, if it is right). */
function misordered(all: readonly string[]): string[][] {
  const wrong: string[][] = [];
  for (const a of all) for (const b of all) if (Math.sign(compareText(a, b)) !== Math.sign(english.compare(a, b))) wrong.push([a, b]);
  return wrong;
}

describe("compareText", () => {
  it("orders every two printable ASCII characters as English collation does", () => {
    expect(misordered(printable)).toEqual([]);
  });

  it("orders texts of printable ASCII as English collation does, case only after the base letters", () => {
    const tricky = ["a", "A", "b", "B", "z", "0", "9", "_", "-", ".", " ", "~", "x", "X"];
    const all = [
      ...texts(400, tricky, 1),
      ...texts(400, printable, 2),
      "",
      "a",
      "A",
      "aB",
      "Ab",
      "ab",
      "AB",
      "a-b",
      "a_b",
      "file10.xml",
      "file9.xml",
    ];
    expect(misordered(all)).toEqual([]);
  });

  it("gives other text to the collator: accents, other scripts, control characters", () => {
    const all = ["å", "aa", "z", "é", "e", "f", "Ω", "a\u0301", "á", "a\tb", "a b", "a\u0000", "a", "ß", "ss"];
    expect(misordered(all)).toEqual([]);
  });
});
