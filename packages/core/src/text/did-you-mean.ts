import { distance } from "fastest-levenshtein";

/** Case and separators do not count as differences. */
const normalise = (s: string) => s.toLowerCase().replace(/[-_\s]/g, "");

/**
 * The candidate closest to `input` when it is close enough to be a typo (case and separators
 * ignored), else undefined.
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
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

/** The value another name stands for (GCCH for gcc-high), the names compared as `closest` compares them. */
export function aliasOf(input: string, aliases: Readonly<Record<string, string>> | undefined): string | undefined {
  return aliases === undefined ? undefined : Object.hasOwn(aliases, normalise(input)) ? aliases[normalise(input)] : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const suggestion = closest(input, candidates);
  return suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`;
}

/**
 * The `count` candidates nearest to `input`, however far: first those that contain it or that it
 * contains, then by edit distance (case and separators ignored); ties keep the candidates' order.
 */
export function nearest(input: string, candidates: Iterable<string>, count: number): string[] {
  const wanted = normalise(input);
  const ranked = [...new Set(candidates)].map((candidate) => {
    const normalised = normalise(candidate);
    const overlaps = wanted !== "" && (normalised.includes(wanted) || wanted.includes(normalised));
    return { candidate, overlaps, distance: distance(wanted, normalised) };
  });
  ranked.sort((a, b) => Number(b.overlaps) - Number(a.overlaps) || a.distance - b.distance);
  return ranked.slice(0, count).map((each) => each.candidate);
}
