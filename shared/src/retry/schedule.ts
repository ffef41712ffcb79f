/** The spec's retry delays: 30 s, 2 min, 10 min; the delivery fails after the third retry. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [30_000, 120_000, 600_000];

const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ['ms', 1],
  ['s', 1_000],
  ['m', 60_000],
  ['h', 3_600_000],
]);
const FRACTION_NOISE_MS = 1e-6;
const ITEM = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;

export class RetryScheduleError extends Error {
  readonly code = 'invalid_retry_schedule';
  /** The offending item as written, trimmed. */
  readonly item: string;

  constructor(item: string, position: number) {
    super(
      `invalid retry schedule item ${JSON.stringify(item)} at position ${String(position)}: ` +
        'expected a non-negative number with a unit ms, s, m or h (e.g. "30s,2m,10m")',
    );
    this.name = 'RetryScheduleError';
    this.item = item;
  }
}

function parseItem(item: string, position: number): number {
  const match = ITEM.exec(item);
  const unitMs = UNIT_MS.get(match?.[2] ?? '') ?? NaN;
  const exact = Number(match?.[1]) * unitMs;
  // Decimal amounts pick up binary noise (1.1 * 1000 = 1100.0000000000002); whole ms are meant.
  const ms = Math.round(exact);
  if (!Number.isSafeInteger(ms) || Math.abs(exact - ms) > FRACTION_NOISE_MS) {
    throw new RetryScheduleError(item, position);
  }
  return ms;
}

/**
 * Parses `RELAY_RETRY_SCHEDULE` (`30s,2m,10m`) into delays in ms, one per retry. Whitespace around
 * items is ignored; anything else unexpected throws a {@link RetryScheduleError} naming the item.
 */
export function parseRetrySchedule(text: string): number[] {
  return text.split(',').map((raw, index) => parseItem(raw.trim(), index + 1));
}
