/** ISO 8601 at whole seconds (`2024-01-15T10:30:00Z`), the spec's timestamp format. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Unix time in whole seconds, as `webhook-timestamp` carries it. An invalid Date throws: NaN would
 * otherwise compare as "within tolerance" and switch replay protection off.
 */
export function unixSeconds(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('expected a valid Date');
  return Math.floor(ms / 1000);
}
