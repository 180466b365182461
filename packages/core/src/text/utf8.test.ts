import { describe, expect, it } from "vitest";
import { seededRandom } from "../../test/seeded-random.js";
import { firstInvalidUtf8 } from "./utf8.js";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const decodes = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe("firstInvalidUtf8", () => {
  it.each([
    ["ASCII", [0x61, 0x62], -1],
    ["a Latin-1 é", [0x61, 0xe9, 0x62], 1],
    ["a UTF-8 é", [0xc3, 0xa9], -1],
    ["a lone continuation byte", [0x80], 0],
    ["an overlong /", [0xc0, 0xaf], 0],
    ["an overlong three-byte form", [0xe0, 0x80, 0xaf], 0],
    ["a surrogate", [0xed, 0xa0, 0x80], 0],
    ["past U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a sequence cut short at the end", [0x61, 0xe2, 0x82], 1],
    ["an emoji", [0xf0, 0x9f, 0x98, 0x80], -1],
  ])("%s", (_, bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });

  // Checked against a strict decoder: the bytes before the offset decode, and the offset is where decoding fails.
  it("agrees with a strict decoder on 20,000 random byte strings", () => {
    const random = seededRandom(7);
    for (let run = 0; run < 20_000; run++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        random() < 0.5 ? 0x80 + Math.floor(random() * 0x80) : Math.floor(random() * 0x100),
      );
      const at = firstInvalidUtf8(bytes);
      expect(decodes(bytes)).toBe(at === -1);
      if (at >= 0) {
        expect(decodes(bytes.subarray(0, at))).toBe(true);
        // No character starts at the offset: whatever follows it, the bytes from there do not decode.
        expect(decodes(bytes.subarray(at, at + 4))).toBe(false);
      }
    }
  });
});
