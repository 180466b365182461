// mulberry32: a small, fast, seeded 32-bit generator; plenty for test data. Shared by the
// fixture generators, so the same seed always gives the same files.
export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    /** An integer from min to max, both included. */
    int: (min, max) => min + (next() % (max - min + 1)),
    pick: (items) => items[next() % items.length],
    weighted: (pairs) => {
      let roll = next() % pairs.reduce((sum, [weight]) => sum + weight, 0);
      for (const [weight, value] of pairs) {
        if (roll < weight) return value;
        roll -= weight;
      }
      return pairs[pairs.length - 1][1];
    },
    /** `count` distinct items, in a random order. */
    sample: (items, count) => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      return pool.slice(0, count);
    },
    /** A random (version 4, RFC 9562 variant) GUID, lower case, as Entra shows them. */
    guid: () => {
      const hex = [next(), next(), next(), next()].map((n) => n.toString(16).padStart(8, "0")).join("");
      const variant = "89ab"[next() % 4];
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
}
