// The tables of builds compared side by side in one run (bench/lib/variants.mjs): one row a
// variant, in the order its phase ran them.
import { formatMs, formatRate } from './format.mjs';

/**
 * `heading(load)` makes the title around the load's description; `extra` columns follow the
 * common ones, each `{ header, cell(figures) }`.
 */
function sideBySideTable({ callers, rate, byVariant }, plan, { heading, label, extra = [] }) {
  const ms = (value) => formatMs(value, plan.drainSeconds);
  return {
    title: heading(`accept at ${callers} callers and accept → delivered at ${rate} msg/s`),
    header: [
      label,
      'Accept',
      'Accept p50 / p99',
      `${rate} msg/s p50 / p99`,
      ...extra.map(({ header }) => header),
    ],
    rows: Object.values(byVariant).map((figures) => [
      figures.name,
      formatRate(figures.accept.messagesPerSecond),
      `${formatMs(figures.accept.p50)} / ${formatMs(figures.accept.p99)}`,
      `${ms(figures.endToEnd.e2eP50)} / ${ms(figures.endToEnd.e2eP99)}`,
      ...extra.map(({ cell }) => cell(figures)),
    ]),
  };
}

/** The store's durability priced, and what its compaction earns (#25). */
export function storeVariantsTable({ stores }, plan) {
  return sideBySideTable(stores, plan, {
    heading: (load) => `The store: ${load}, by store build (same run)`,
    label: 'Store',
    extra: [
      {
        header: 'Store file',
        cell: ({ file }) =>
          `${file.storeFileMB.toFixed(0)} MB after ${file.delivered.toLocaleString('en-US')} messages`,
      },
    ],
  });
}

/** The relay before the engine redesign (#24) and this build's, on the same store build. */
export function relayVariantsTable({ relays }, plan) {
  return sideBySideTable(relays, plan, {
    heading: (load) => `The relay before and after the engine redesign (#24): ${load} (same run)`,
    label: 'Relay',
  });
}
