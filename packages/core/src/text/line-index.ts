import type { Position, Range } from "../diagnostic.js";

/** Turns 0-based offsets of a text into 1-based line:column positions (columns in UTF-16 code units). */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(readonly text: string) {
    const starts = this.#starts;
    // Without a CR, a line starts after each LF: indexOf finds them several times faster than a
    // loop over every character (a finding in each of thousands of files indexes each of them).
    if (!text.includes("\r")) {
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) starts.push(i + 1);
      else if (code === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the CR and LF of a line break is no place an editor has: it is the end of the line.
    if (this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) clamped--;
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#starts[middle] as number) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - (this.#starts[low] as number) + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The offset where a 1-based line starts (the text's end for lines past it). */
  lineStart(line: number): number {
    return this.#starts[line - 1] ?? this.text.length;
  }
}
