// The machines that run the suite are often busy with other builds, so every timeout is
// a base figure times TEST_TIME_SCALE (default 3) instead of a tuned guess.
const factor = Number(process.env.TEST_TIME_SCALE ?? 3);

/** `ms` multiplied by TEST_TIME_SCALE. */
export function scaledMs(ms: number): number {
  return Math.round(ms * (Number.isFinite(factor) && factor > 0 ? factor : 3));
}
