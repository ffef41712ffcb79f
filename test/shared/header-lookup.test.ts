import { describe, expect, it } from '@jest/globals';
import { getHeader } from '@fourthchat/shared';

describe('getHeader', () => {
  it('finds a header whatever the case of either name', () => {
    expect(getHeader({ 'x-webhook-id': 'a' }, 'X-Webhook-Id')).toBe('a');
    expect(getHeader({ 'X-WEBHOOK-ID': 'a' }, 'x-webhook-id')).toBe('a');
  });

  it("finds Zapier's Http- prefixed name and the CGI form", () => {
    expect(getHeader({ 'Http-Webhook-Id': 'a' }, 'webhook-id')).toBe('a');
    expect(getHeader({ HTTP_WEBHOOK_ID: 'a' }, 'webhook-id')).toBe('a');
  });

  it('prefers the plain name over the prefixed one, in any order', () => {
    expect(getHeader({ 'Http-Webhook-Id': 'prefixed', 'webhook-id': 'plain' }, 'webhook-id')).toBe(
      'plain',
    );
    expect(getHeader({ 'webhook-id': 'plain', 'Http-Webhook-Id': 'prefixed' }, 'webhook-id')).toBe(
      'plain',
    );
  });

  it('falls back to the prefixed name when the plain one is empty', () => {
    expect(getHeader({ 'webhook-id': '', 'Http-Webhook-Id': 'prefixed' }, 'webhook-id')).toBe(
      'prefixed',
    );
  });

  it('takes the first value of a repeated header and trims it', () => {
    expect(getHeader({ 'webhook-id': [' first ', 'second'] }, 'webhook-id')).toBe('first');
  });

  it('treats absent, undefined, empty and blank values as missing', () => {
    expect(getHeader({}, 'webhook-id')).toBeUndefined();
    expect(getHeader({ 'webhook-id': undefined }, 'webhook-id')).toBeUndefined();
    expect(getHeader({ 'webhook-id': [] }, 'webhook-id')).toBeUndefined();
    expect(getHeader({ 'webhook-id': '  ' }, 'webhook-id')).toBeUndefined();
  });

  it('does not confuse a longer name that merely ends like the wanted one', () => {
    expect(getHeader({ 'x-webhook-id': 'a' }, 'webhook-id')).toBeUndefined();
  });
});
