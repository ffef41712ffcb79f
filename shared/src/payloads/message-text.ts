/**
 * The longest message text the relay stores, counted like JavaScript's `string.length` (UTF-16
 * code units), so every client can check it before sending.
 */
export const MESSAGE_MAX_LENGTH = 32_000;

/** Why a value cannot be a message's text: not a string, nothing but whitespace, or too long. */
export type MessageTextProblem = 'not_text' | 'blank' | 'too_long';

/**
 * The one rule for a message's text, shared by the relay, the n8n node and the Zapier app: a
 * string with some non-whitespace character and at most {@link MESSAGE_MAX_LENGTH} characters.
 * Undefined when `value` is valid; each caller words the problem for its own users.
 */
export function messageTextProblem(value: unknown): MessageTextProblem | undefined {
  if (typeof value !== 'string') return 'not_text';
  if (value.trim() === '') return 'blank';
  if (value.length > MESSAGE_MAX_LENGTH) return 'too_long';
  return undefined;
}

export function isValidMessageText(value: unknown): value is string {
  return messageTextProblem(value) === undefined;
}
