// One knob for the reliability suite: `npm test` runs the small counts, `npm run soak`
// (SOAK=1) the same tests with the big ones.
export const SOAK = process.env.SOAK === '1';

/** `normal` in `npm test`, `soak` under `npm run soak`. */
export function scaled(normal: number, soak: number): number {
  return SOAK ? soak : normal;
}

/** A seeded PRNG (mulberry32), so a failing fuzz or kill schedule can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from RELIABILITY_SEED, or a fresh one; tests print it so a failure can be replayed. */
export function testSeed(): number {
  const given = Number(process.env.RELIABILITY_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1;
}
