// The engine redesign (#24), before and after: the relay as built at the last commit before it
// and this build's, side by side (bench/lib/variants.mjs), both on this build's store.
import { baselineRelayMain } from '../lib/baseline-relay.mjs';
import { CALLERS, describeVariant, measureSideBySide, RATE } from '../lib/variants.mjs';

/** The last commit of main before the redesign (feature folders, store ports, memory store). */
export const BASELINE_REF = '2995087';

export async function measureRelayVariants(context) {
  const { log, plan } = context;
  const variants = [
    {
      key: 'before',
      name: `before #24 (${BASELINE_REF})`,
      settings: { relayMain: baselineRelayMain(BASELINE_REF, log) },
    },
    { key: 'after', name: 'this build', settings: {} },
  ];
  const byVariant = await measureSideBySide(context, variants, 'rv');
  for (const variant of variants) log(`  ${describeVariant(byVariant[variant.key], plan)}`);
  return { callers: CALLERS, rate: RATE, baseline: BASELINE_REF, byVariant };
}
