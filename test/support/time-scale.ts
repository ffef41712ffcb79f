// One knob for every time limit in the tests. The numbers written in tests are what an idle
// machine needs; TEST_TIME_SCALE multiplies them, so a busy machine (CI beside other builds)
// gets the same tests with longer deadlines instead of random failures.

/** For a 2-core machine shared with other work: what `npm run test:under-load` passes with. */
const DEFAULT_SCALE = 3;

function readScale(): number {
  const given = process.env.TEST_TIME_SCALE;
  if (given === undefined || given === '') return DEFAULT_SCALE;
  const scale = Number(given);
  if (!Number.isFinite(scale) || scale < 1)
    throw new Error(`TEST_TIME_SCALE=${given}: expected a number of at least 1`);
  return scale;
}

const TIME_SCALE = readScale();

/** `ms` (an idle machine's figure) times TEST_TIME_SCALE. */
export function scaledMs(ms: number): number {
  return Math.round(ms * TIME_SCALE);
}
