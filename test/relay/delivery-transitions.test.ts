// A delivery's state machine, pure: the delivery after a claimed attempt. Both stores write
// what `afterAttempt` answers and the delivery service answers it, so these cases are the
// rules everywhere.
import { describe, expect, test } from '@jest/globals';
import type { DeliveryAttempt } from '@fourthchat/shared';
import type { ClaimedDelivery, DeliveryKind } from '../../relay/src/model/delivery.js';
import {
  afterAttempt,
  attemptChange,
  type AttemptOutcome,
} from '../../relay/src/model/delivery-transitions.js';
import { pendingDelivery } from '../support/delivery-doc.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const policy = { retryScheduleMs: [30_000, 120_000, 600_000] };

function claimed(
  fields: { attemptCount?: number; cycleStart?: number; kind?: DeliveryKind } = {},
): ClaimedDelivery {
  const { attemptCount = 0, ...rest } = fields;
  const attempts = Array.from({ length: attemptCount }, () => attemptWith(503, 0));
  return {
    ...pendingDelivery('dlv_t', {
      workspaceId: 'ws',
      connectionId: 'conn',
      targetUrl: 'u',
      at: T0,
    }),
    status: attemptCount === 0 ? 'pending' : 'retrying',
    attempts,
    attemptCount,
    ...rest,
    inFlight: { owner: 'relay_a', until: at(60_000), attempt: attemptCount },
  };
}

function attemptWith(status: number | null, ms: number): DeliveryAttempt {
  return { at: at(ms).toISOString(), status, durationMs: 12 };
}

const sent = (status: number | null, retryAfterMs?: number): AttemptOutcome => ({
  kind: 'sent',
  attempt: attemptWith(status, 1_000),
  retryAfterMs,
  at: at(1_000),
});

describe('after an attempt', () => {
  test('a 2xx: delivered, the attempt recorded, the claim released', () => {
    const before = claimed();
    const next = afterAttempt(before, sent(204), policy);

    expect(next).toEqual({
      ...before,
      status: 'delivered',
      nextAttemptAt: null,
      attempts: [attemptWith(204, 1_000)],
      attemptCount: 1,
      inFlight: null,
      updatedAt: at(1_000),
    });
  });

  test('a failure with retries left: retrying at the schedule, counted from the attempt', () => {
    expect(afterAttempt(claimed(), sent(500), policy)).toMatchObject({
      status: 'retrying',
      nextAttemptAt: at(31_000),
      attemptCount: 1,
    });
    expect(afterAttempt(claimed({ attemptCount: 2 }), sent(null), policy)).toMatchObject({
      status: 'retrying',
      nextAttemptAt: at(601_000),
    });
  });

  test('the last attempt of its cycle failed: failed; a redeliver counts from its own start', () => {
    expect(afterAttempt(claimed({ attemptCount: 3 }), sent(500), policy)).toMatchObject({
      status: 'failed',
      nextAttemptAt: null,
      attemptCount: 4,
    });
    const redelivered = claimed({ attemptCount: 4, cycleStart: 4 });
    expect(afterAttempt(redelivered, sent(500), policy)).toMatchObject({
      status: 'retrying',
      nextAttemptAt: at(31_000),
    });
  });

  test('Retry-After is honoured on 503 (not below the schedule), ignored on 500', () => {
    expect(afterAttempt(claimed(), sent(503, 90_000), policy).nextAttemptAt).toEqual(at(91_000));
    expect(afterAttempt(claimed(), sent(503, 5_000), policy).nextAttemptAt).toEqual(at(31_000));
    expect(afterAttempt(claimed(), sent(500, 90_000), policy).nextAttemptAt).toEqual(at(31_000));
  });

  test('410 Gone fails at once, whatever retries are left', () => {
    expect(afterAttempt(claimed(), sent(410), policy)).toMatchObject({ status: 'failed' });
  });

  test('a test is one-off: failed on its first failure', () => {
    expect(afterAttempt(claimed({ kind: 'test' }), sent(500), policy)).toMatchObject({
      status: 'failed',
      attemptCount: 1,
    });
    expect(afterAttempt(claimed({ kind: 'event' }), sent(500), policy).status).toBe('retrying');
  });

  test('unsendable (target deleted, secret unreadable): failed at once, the attempt recorded', () => {
    const attempt = { at: at(7).toISOString(), status: null, durationMs: 0, error: 'gone' };
    const next = afterAttempt(claimed(), { kind: 'unsendable', attempt, at: at(7) }, policy);

    expect(next).toMatchObject({ status: 'failed', attempts: [attempt], attemptCount: 1 });
  });

  test('its target paused: paused, no attempt made, the claim released', () => {
    const before = claimed({ attemptCount: 1 });
    const next = afterAttempt(before, { kind: 'paused', at: at(3) }, policy);

    expect(next).toEqual({
      ...before,
      status: 'paused',
      nextAttemptAt: null,
      inFlight: null,
      updatedAt: at(3),
    });
  });

  test('what a store writes is the fields an attempt changes, no more', () => {
    const next = afterAttempt(claimed(), sent(500), policy);

    expect(attemptChange(next)).toEqual({
      status: 'retrying',
      nextAttemptAt: at(31_000),
      attempts: next.attempts,
      attemptCount: 1,
      inFlight: null,
      updatedAt: at(1_000),
    });
  });
});
