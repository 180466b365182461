import type { Fix } from "../diagnostic.js";

export interface EditedText {
  text: string;
  /** The edits that were made, in order (an edit overlapping an earlier one is left out). */
  applied: Fix[];
  /** Maps an offset of the edited text back to the original text (inserted text maps to where it went in). */
  toOriginal(offset: number): number;
}

/** Applies non-overlapping replacements to a text; of overlapping ones, the first (by offset) wins. */
export function applyEdits(text: string, edits: readonly Fix[]): EditedText {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const applied: Fix[] = [];
  let out = "";
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.offset < cursor || edit.offset + edit.length > text.length) continue;
    out += text.slice(cursor, edit.offset) + edit.text;
    cursor = edit.offset + edit.length;
    applied.push(edit);
  }
  out += text.slice(cursor);
  return {
    text: out,
    applied,
    toOriginal(offset) {
      let delta = 0;
      for (const edit of applied) {
        const editedStart = edit.offset + delta;
        if (offset < editedStart) break;
        if (offset < editedStart + edit.text.length) return edit.offset;
        delta += edit.text.length - edit.length;
      }
      return offset - delta;
    },
  };
}
