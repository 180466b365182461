import { distance } from "fastest-levenshtein";

/**
 * The candidate closest to `input` when it is close enough to be a typo (case and separators
 * ignored), else undefined.
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const normalise = (s: string) => s.toLowerCase().replace(/[-_\s]/g, "");
  const wanted = normalise(input);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(wanted, normalise(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const suggestion = closest(input, candidates);
  return suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`;
}
