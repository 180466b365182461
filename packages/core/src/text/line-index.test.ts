import { describe, expect, it } from "vitest";
import { LineIndex } from "./line-index.js";

describe("LineIndex", () => {
  it("gives 1-based lines and columns for LF, CRLF and lone CR line breaks", () => {
    const lines = new LineIndex("ab\ncd\r\nef\rgh");
    expect(lines.position(0)).toEqual({ line: 1, column: 1 });
    expect(lines.position(3)).toEqual({ line: 2, column: 1 });
    expect(lines.position(5)).toEqual({ line: 2, column: 3 });
    expect(lines.position(7)).toEqual({ line: 3, column: 1 });
    expect(lines.position(10)).toEqual({ line: 4, column: 1 });
    expect(lines.lineStart(3)).toBe(7);
  });

  it("finds every line of a text with LF line breaks only, empty lines and a last line break included", () => {
    const lines = new LineIndex("a\n\nbc\n");
    expect([2, 3, 4, 5].map((line) => lines.lineStart(line))).toEqual([2, 3, 6, 6]);
    expect(lines.position(4)).toEqual({ line: 3, column: 2 });
    expect(lines.position(6)).toEqual({ line: 4, column: 1 });
  });

  it("puts an offset between the CR and LF of a line break at the end of its line", () => {
    const lines = new LineIndex("ab\r\ncd");
    expect(lines.position(3)).toEqual({ line: 1, column: 3 });
    expect(lines.range(2, 3)).toEqual({ start: { line: 1, column: 3 }, end: { line: 1, column: 3 } });
  });

  it("counts columns in UTF-16 code units and clamps offsets to the text", () => {
    const lines = new LineIndex("😀x");
    expect(lines.position(2)).toEqual({ line: 1, column: 3 });
    expect(lines.position(99)).toEqual({ line: 1, column: 4 });
    expect(lines.position(-1)).toEqual({ line: 1, column: 1 });
  });

  it("never gives a range that ends before it starts", () => {
    expect(new LineIndex("abc").range(2, 1)).toEqual({ start: { line: 1, column: 3 }, end: { line: 1, column: 3 } });
  });
});
