import { describe, expect, it } from '@jest/globals';
import {
  isValidMessageText,
  MESSAGE_MAX_LENGTH,
  messageTextProblem,
  validateIncomingMessageRequest,
} from '@fourthchat/shared';

describe('the message text rule', () => {
  it('accepts text with something besides whitespace, up to the longest message', () => {
    expect(isValidMessageText('yes')).toBe(true);
    expect(isValidMessageText('  padded  ')).toBe(true);
    expect(isValidMessageText('x'.repeat(MESSAGE_MAX_LENGTH))).toBe(true);
    expect(MESSAGE_MAX_LENGTH).toBe(32_000);
  });

  it.each([
    ['an empty string', '', 'blank'],
    ['spaces', '   ', 'blank'],
    ['tabs and newlines', '\t\n\r\n', 'blank'],
    ['non-breaking and ideographic spaces', '\u00a0\u3000\ufeff', 'blank'],
    ['one character too many', 'x'.repeat(MESSAGE_MAX_LENGTH + 1), 'too_long'],
    ['a number', 42, 'not_text'],
    ['null', null, 'not_text'],
    ['an object', { text: 'hi' }, 'not_text'],
  ])('refuses %s', (_label, value, problem) => {
    expect(messageTextProblem(value)).toBe(problem);
    expect(isValidMessageText(value)).toBe(false);
  });

  it('is the rule the ingress request validation applies', () => {
    const tooLong = { connectionId: 'c', message: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) };
    expect(validateIncomingMessageRequest(tooLong)).toEqual({
      field: 'message',
      message: `message must be at most ${MESSAGE_MAX_LENGTH} characters`,
    });
    expect(validateIncomingMessageRequest({ connectionId: 'c', message: '\u00a0' })).toMatchObject({
      field: 'message',
    });
  });
});
