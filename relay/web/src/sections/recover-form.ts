import type { RecoverCount, RecoverRequest, RecoverResult, TargetHealth } from '@fourthchat/shared';
import { ApiError } from '../api/client.js';
import { field } from '../forms/field.js';
import { createForm, FieldErrors } from '../forms/form.js';
import { checkDateTime } from '../forms/validate.js';
import { formatDateTime, localDateTimeValue } from '../format.js';
import { button } from '../ui/button.js';
import { confirmAction } from '../ui/confirm-dialog.js';
import { eventTargetLabel, targetKey } from './targets.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ALL_TARGETS = '';

export interface RecoverFormOptions {
  health: readonly TargetHealth[];
  /** When a target started failing, also after a resume (the relay then starts afresh). */
  failingSince(target: TargetHealth): string | undefined;
  count(request: RecoverRequest): Promise<RecoverCount>;
  recover(request: RecoverRequest): Promise<RecoverResult>;
  /** Nothing matched, or the relay queued (or had queued) the deliveries. */
  done(outcome: { count: 0 } | { result: RecoverResult }): void;
  onCancel: () => void;
}

/** Where a recover should start: when the chosen targets started failing, else a day ago. */
function defaultSince(options: RecoverFormOptions, target: string): Date {
  const starts = options.health
    .filter((t) => target === ALL_TARGETS || targetKey(t.target) === target)
    .flatMap((t) => {
      const since = options.failingSince(t);
      return since ? [new Date(since).getTime()] : [];
    });
  return new Date(starts.length > 0 ? Math.min(...starts) : Date.now() - DAY_MS);
}

function rateText(count: RecoverCount): string {
  return `at up to ${String(count.ratePerSecond)}/s`;
}

const pausedMessage = (target: string) => `${target} is paused: resume it first, then recover.`;

/** The relay refuses paused targets too: it may have paused one since the page loaded. */
function explainPaused(error: unknown): never {
  if (error instanceof ApiError && error.code === 'target_paused') {
    throw new Error(pausedMessage('A target in this selection'));
  }
  throw error;
}

type Window = RecoverRequest & { until: string };

function readRequest(values: { since: string; until: string; target: string }): Window {
  const since = checkDateTime(values.since, 'start');
  if (!since.ok) throw new FieldErrors({ since: since.message });
  // Left empty, the window ends now, fixed here: the count confirmed is what gets queued.
  const until = values.until
    ? checkDateTime(values.until, 'end')
    : { ok: true as const, value: new Date().toISOString() };
  if (!until.ok) throw new FieldErrors({ until: until.message });
  if (until.value <= since.value)
    throw new FieldErrors({ until: 'The end must be after the start.' });
  return {
    since: since.value,
    until: until.value,
    ...(values.target === ALL_TARGETS ? {} : { target: values.target }),
  };
}

/**
 * Recover: failed and paused deliveries of a time window, sent again. The relay counts them
 * first, and nothing is queued before the person has seen that number and confirmed it.
 */
export function recoverForm(options: RecoverFormOptions): HTMLFormElement {
  const firstFailing = options.health.find((t) => options.failingSince(t) !== undefined);
  const target = field({
    label: 'Target',
    name: 'target',
    required: true,
    choices: [
      { value: ALL_TARGETS, label: 'Every target' },
      ...options.health.map((t) => ({
        value: targetKey(t.target),
        label: `${eventTargetLabel(t.target)} (${t.target.url})`,
      })),
    ],
    value: firstFailing ? targetKey(firstFailing.target) : ALL_TARGETS,
  });
  const since = field({
    label: 'Since',
    name: 'since',
    type: 'datetime-local',
    required: true,
    hint: 'Deliveries created from this time on. Preset: when the target started failing, or a day ago.',
  });
  const until = field({
    label: 'Until',
    name: 'until',
    type: 'datetime-local',
    hint: 'Deliveries created before this time. Left empty: now.',
  });
  const presetSince = () => {
    since.control.value = localDateTimeValue(defaultSince(options, target.value()));
  };
  presetSince();
  target.control.addEventListener('change', presetSince);

  return createForm({
    label: 'Recover failed deliveries',
    fields: { target, since, until },
    submitLabel: 'Recover…',
    extra: [button('Cancel', options.onCancel)],
    async onSubmit() {
      const request = readRequest({
        since: since.value(),
        until: until.value(),
        target: target.value(),
      });
      const paused = options.health.find(
        (t) => t.state === 'paused' && (!request.target || targetKey(t.target) === request.target),
      );
      if (paused) throw new FieldErrors({ target: pausedMessage(eventTargetLabel(paused.target)) });
      const counted = await options.count(request).catch(explainPaused);
      if (counted.count === 0) {
        options.done({ count: 0 });
        return;
      }
      const n = String(counted.count);
      const confirmed = await confirmAction({
        title: `Re-send ${n} failed deliveries ${rateText(counted)}?`,
        message: `The ${n} failed or paused deliveries created from ${formatDateTime(request.since)} to ${formatDateTime(request.until)} each get a new cycle of attempts, oldest first.`,
        confirmLabel: `Re-send ${n}`,
        tone: 'primary',
      });
      if (!confirmed) return;
      options.done({ result: await options.recover(request).catch(explainPaused) });
    },
  });
}
