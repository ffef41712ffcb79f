import { describe, expect, it } from '@jest/globals';
import {
  idempotencyKey,
  type IdempotencyParts,
} from '../../zapier-app/src/creates/send-message/idempotency-key.js';

const parts: IdempotencyParts = {
  zapId: 'zap_1',
  isSample: false,
  connectionId: 'conn_1',
  message: 'Hello, I need help!',
  userId: 'user-123',
  metadata: { name: 'John Doe', email: 'john@example.com' },
  dedupeKey: 'row-42',
};

describe('idempotencyKey', () => {
  it('is the same for a retry of the same step, whatever the metadata order', () => {
    const reordered = { ...parts, metadata: { email: 'john@example.com', name: 'John Doe' } };

    expect(idempotencyKey(reordered)).toBe(idempotencyKey(parts));
    expect(idempotencyKey(parts)).toMatch(/^zapier-[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<IdempotencyParts>]>([
    ['another Zap', { zapId: 'zap_2' }],
    ['an editor test instead of a live run', { isSample: true }],
    ['another connection', { connectionId: 'conn_2' }],
    ['another message', { message: 'Hello, I need help?' }],
    ['another user', { userId: 'user-124' }],
    ['no user', { userId: undefined }],
    ['other metadata', { metadata: { name: 'John Doe' } }],
    ['another deduplication key', { dedupeKey: 'row-43' }],
  ])('differs for %s', (_label, change) => {
    expect(idempotencyKey({ ...parts, ...change })).not.toBe(idempotencyKey(parts));
  });

  it.each<[string, string | undefined]>([
    ['no deduplication key is mapped', undefined],
    ['the mapped deduplication key is empty', ''],
    ['the mapped deduplication key is blank', '  '],
  ])('is absent when %s: a run with the same text is a new message', (_label, dedupeKey) => {
    expect(idempotencyKey({ ...parts, dedupeKey })).toBeUndefined();
  });

  it('cannot be forged by shifting text between fields', () => {
    const a = idempotencyKey({ ...parts, message: 'ab', userId: 'c' });
    const b = idempotencyKey({ ...parts, message: 'a', userId: 'bc' });

    expect(a).not.toBe(b);
  });
});
