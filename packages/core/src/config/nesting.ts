/** Deeper flow nesting than this is refused before parsing; real configs stay under ten levels. */
export const MAX_FLOW_NESTING = 256;

/**
 * The offset where flow collections (`[`, `{`) nest deeper than the limit, or -1. A cheap scan
 * that skips quoted scalars and comments, so that the recursive YAML composer never sees such
 * input: its stack overflow would depend on how much stack the caller has left.
 */
export function excessiveNestingAt(text: string, limit = MAX_FLOW_NESTING): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === "\\" && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      const end = text.indexOf("\n", i);
      if (end === -1) break;
      i = end;
    } else if ((char === '"' || char === "'") && (depth > 0 || /[\s:[{,-]/.test(text[i - 1] ?? " "))) {
      quote = char;
    } else if (char === "[" || char === "{") {
      if (++depth > limit) return i;
    } else if ((char === "]" || char === "}") && depth > 0) {
      depth--;
    }
  }
  return -1;
}
