import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isValidMessageText, MESSAGE_MAX_LENGTH, messageTextProblem } from '../../../../shared';

/**
 * The "Message" parameter of one item as the text to send, checked with the relay's own message
 * rule (shared/) so that nothing the relay would refuse leaves n8n. Numbers and booleans that an
 * expression produced are sent as their text.
 */
export function messageText(node: INode, value: unknown, itemIndex: number): string {
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  if (isValidMessageText(text)) return text;
  const problem = messageTextProblem(text);
  if (problem === 'blank') {
    throw new NodeOperationError(node, '"Message" is empty', {
      description: 'Enter the text to send or map one from the input; blank text is not sent.',
      itemIndex,
    });
  }
  if (problem === 'too_long') {
    throw new NodeOperationError(node, '"Message" is too long', {
      description: `The relay accepts at most ${MESSAGE_MAX_LENGTH} characters; this one has ${String(text).length}.`,
      itemIndex,
    });
  }
  throw new NodeOperationError(node, `"Message" must be text, not ${typeof value}`, { itemIndex });
}
