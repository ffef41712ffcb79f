const YES = new Set(['true', 'yes', '1']);

/**
 * Reads a Zapier boolean field. Chosen in the editor it arrives as a boolean, but mapped from an
 * earlier step it arrives as text such as "true" or "yes".
 */
export function isYes(value: unknown): boolean {
  return value === true || (typeof value === 'string' && YES.has(value.trim().toLowerCase()));
}
