import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A text parameter as a string; numbers and booleans that an expression produced are accepted as
 * their text. Empty or blank gives undefined; otherwise the text is kept exactly as entered.
 */
export function optionalText(
  node: INode,
  name: string,
  value: unknown,
  itemIndex?: number,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new NodeOperationError(node, `"${name}" must be text, not ${typeof value}`, {
      itemIndex,
    });
  }
  const text = String(value);
  return text.trim() === '' ? undefined : text;
}

/** Like {@link optionalText}, for a parameter that must not be empty. */
export function requiredText(
  node: INode,
  name: string,
  value: unknown,
  itemIndex?: number,
): string {
  const text = optionalText(node, name, value, itemIndex);
  if (text === undefined) {
    throw new NodeOperationError(node, `"${name}" is empty`, {
      description: `Enter a value for "${name}" or map one from the input.`,
      itemIndex,
    });
  }
  return text;
}
