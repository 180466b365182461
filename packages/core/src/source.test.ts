import { describe, expect, it } from "vitest";
import { decodeSource } from "./source.js";

const latin1 = (text: string) => Buffer.from(text, "latin1");

describe("decodeSource on bytes that are not UTF-8", () => {
  it("points at the first byte that is not, and says what it is in Windows-1252", () => {
    const decoded = decodeSource("n.xml", latin1("<?xml version='1.0'?>\n<a>\n  <!-- M\u00fcller \u00e9 -->\n</a>\n"));
    expect(decoded).toEqual({
      ok: false,
      diagnostic: expect.objectContaining({
        ruleId: "input",
        message: 'file is not valid UTF-8 text: byte 0xFC ("\u00fc" in Windows-1252) is not UTF-8; not read. Save the file as UTF-8',
        range: { start: { line: 3, column: 9 }, end: { line: 3, column: 10 } },
        docsUrl: expect.stringMatching(/docs\/rules\/input\.md$/),
      }),
    });
  });

  it("counts columns in characters after UTF-8 that is valid, and from after a byte order mark", () => {
    const bytes = Buffer.concat([Buffer.from("\ufeffm\u00fc\u20ac: ", "utf8"), Uint8Array.from([0x80])]);
    const decoded = decodeSource("a.yaml", bytes);
    expect(decoded.ok ? undefined : decoded.diagnostic).toMatchObject({
      message: 'file is not valid UTF-8 text: byte 0x80 ("\u20ac" in Windows-1252) is not UTF-8; not read. Save the file as UTF-8',
      range: { start: { line: 1, column: 6 }, end: { line: 1, column: 7 } },
    });
  });

  it("guesses nothing for a byte Windows-1252 leaves unassigned", () => {
    const decoded = decodeSource("a.yaml", Uint8Array.from([0x61, 0x0d, 0x0a, 0x81]));
    expect(decoded.ok ? undefined : decoded.diagnostic).toMatchObject({
      message: "file is not valid UTF-8 text: byte 0x81 is not UTF-8; not read. Save the file as UTF-8",
      range: { start: { line: 2, column: 1 }, end: { line: 2, column: 2 } },
    });
  });
});
