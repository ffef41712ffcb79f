import type { Bundle } from 'zapier-platform-core';
import { bundleMeta } from '../../bundle-meta.js';

const DEFAULT_SAMPLES = 10;
const MAX_SAMPLES = 50;

/** How many samples to ask the relay for: as many as Zapier wants, within a bound. */
export function sampleLimit(bundle: Pick<Bundle, 'meta'>): number {
  const requested = bundleMeta(bundle)?.limit ?? 0;
  return requested > 0 ? Math.min(requested, MAX_SAMPLES) : DEFAULT_SAMPLES;
}
