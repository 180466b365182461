// The order of file names and findings: English collation, which is Unicode's root collation
// (letters before their capitals, "aa" before "b", punctuation before digits before letters). The
// same on every machine: the machine's locale is not asked, as a Danish one would sort capitals
// first and "aa" after "z", and a report or its golden file would then depend on who ran it.

/** Printable ASCII in the collation's order; a letter stands for itself and its capital, which comes right after it. */
const ASCII_ORDER = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz`;

/** Each printable ASCII character's place in ASCII_ORDER, a letter's and its capital's the same. */
const PLACE = new Uint8Array(128);
for (let index = 0; index < ASCII_ORDER.length; index++) {
  const char = ASCII_ORDER[index] as string;
  PLACE[char.charCodeAt(0)] = index;
  PLACE[char.toUpperCase().charCodeAt(0)] = index;
}

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

let collator: Intl.Collator | undefined;

/**
 * Compares two texts in the collation's order. Texts of printable ASCII, as file names, rule ids
 * and messages nearly always are, are compared here: ICU's collator takes a run about 12 ms to
 * make, more than a small file takes to lint, and is made only for other text.
 */
export function compareText(a: string, b: string): number {
  if (!PRINTABLE_ASCII.test(a) || !PRINTABLE_ASCII.test(b)) {
    collator ??= new Intl.Collator("en");
    return collator.compare(a, b);
  }
  // The collation compares the base characters of the whole texts first, and only then letter case
  // (small first), from the first difference on.
  let caseDifference = 0;
  const shorter = Math.min(a.length, b.length);
  for (let index = 0; index < shorter; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    const difference = (PLACE[x] as number) - (PLACE[y] as number);
    if (difference !== 0) return difference;
    // The same letter in two cases: the small one has the larger code.
    if (caseDifference === 0) caseDifference = x > y ? -1 : 1;
  }
  return a.length - b.length || caseDifference;
}
