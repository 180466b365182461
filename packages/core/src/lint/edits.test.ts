import { describe, expect, it } from "vitest";
import { applyEdits } from "./edits.js";

describe("applyEdits", () => {
  it("applies replacements, insertions and deletions at their original offsets", () => {
    const edited = applyEdits("abcdef", [
      { offset: 4, length: 1, text: "E" },
      { offset: 0, length: 0, text: ">" },
      { offset: 2, length: 1, text: "" },
    ]);
    expect(edited.text).toBe(">abdEf");
    expect(edited.applied).toHaveLength(3);
  });

  it("keeps the first of two overlapping edits and leaves the other out", () => {
    const first = { offset: 1, length: 3, text: "X" };
    const edited = applyEdits("abcdef", [{ offset: 2, length: 1, text: "Y" }, first]);
    expect(edited.text).toBe("aXef");
    expect(edited.applied).toEqual([first]);
  });

  it("ignores an edit past the end of the text", () => {
    expect(applyEdits("abc", [{ offset: 2, length: 5, text: "!" }]).text).toBe("abc");
  });

  it("maps offsets of the edited text back to the original", () => {
    const edited = applyEdits("<a>x</a>", [
      { offset: 2, length: 1, text: "" },
      { offset: 4, length: 0, text: "123" },
    ]);
    expect(edited.text).toBe("<ax123</a>");
    expect(edited.toOriginal(0)).toBe(0);
    expect(edited.toOriginal(2)).toBe(3);
    expect(edited.toOriginal(4)).toBe(4);
    expect(edited.toOriginal(5)).toBe(4);
    expect(edited.toOriginal(6)).toBe(4);
    expect(edited.toOriginal(7)).toBe(5);
  });
});
