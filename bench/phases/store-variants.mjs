// The store's durability, priced (#25): this build, which syncs every commit round before it
// acknowledges; the build before it, which acknowledged once the commit was in the operating
// system; and this build without its online compaction, which is what that compaction earns.
// Side by side (bench/lib/variants.mjs), and the store file after a fixed number of messages on
// a fresh store.
import { statSync } from 'node:fs';
import { baselineClasspath } from '../lib/baseline-store.mjs';
import { benchMessage } from '../lib/messages.mjs';
import { withRelayStack } from '../lib/relay-stack.mjs';
import { CALLERS, contextOf, describeVariant, measureSideBySide, RATE } from '../lib/variants.mjs';
import { runWindowed } from '../lib/windowed-load.mjs';

/** The last commit whose store acknowledged without syncing. */
export const BASELINE_REF = 'ff95134';
const MB = 1024 * 1024;

function variantsOf(context) {
  return [
    {
      key: 'synced',
      name: 'this build: synced before each ack',
      settings: { classpath: context.classpath },
    },
    {
      key: 'unsynced',
      name: `before (${BASELINE_REF}): commit, no sync`,
      settings: { classpath: baselineClasspath(BASELINE_REF, context.log) },
    },
    {
      key: 'noCompaction',
      name: 'this build, compaction off',
      settings: { classpath: context.classpath, compaction: false },
    },
  ];
}

/** The store file after `messages` delivered messages on a fresh store of the variant's. */
async function fileAfter(context, messages) {
  const { fixtures, now } = context;
  return withRelayStack({ ...context, warmStore: undefined }, async (stack) => {
    const load = await runWindowed({
      origin: stack.baseUrl,
      path: '/api/webhooks/incoming',
      headers: stack.headers,
      message: (i) => benchMessage(stack.connections.healthy, 'file', i),
      window: 64,
      total: messages,
      deadline: now() + 900_000,
      receiver: fixtures.receiver,
      now,
    });
    const { delivered } = await load.finish();
    return { delivered, storeFileMB: statSync(stack.storeFile).size / MB };
  });
}

export async function measureStoreVariants(context) {
  const { log, plan } = context;
  const variants = variantsOf(context);
  const byVariant = await measureSideBySide(context, variants, 'sv');
  for (const variant of variants) {
    const figures = byVariant[variant.key];
    figures.file = await fileAfter(contextOf(context, variant), plan.fileMessages);
    log(
      `  ${describeVariant(figures, plan)}; file ${figures.file.storeFileMB.toFixed(0)} MB after ${figures.file.delivered} messages`,
    );
  }
  return { callers: CALLERS, rate: RATE, baseline: BASELINE_REF, byVariant };
}
