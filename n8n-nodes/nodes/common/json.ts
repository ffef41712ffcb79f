import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isPlainObject } from '../../shared';
import type { RelayAnswer } from './transport';

/**
 * A parsed JSON object is a valid n8n item: the relay's answers arrive as parsed JSON, so this
 * guard is the one place where their static type meets n8n's `IDataObject`.
 */
export function isDataObject(value: unknown): value is IDataObject {
  return isPlainObject(value);
}

/** The answer's body as an item, when it is a JSON object that `expected` accepts. */
export function expectBody(
  node: INode,
  answer: RelayAnswer,
  itemIndex: number,
  expected: (body: unknown) => boolean = () => true,
): IDataObject {
  const { body } = answer;
  if (expected(body) && isDataObject(body)) return body;
  throw new NodeOperationError(node, 'The FourthChat relay answered with an unexpected body', {
    description: `HTTP ${answer.statusCode} did not carry the documented answer of this operation.`,
    itemIndex,
  });
}

/** The entries of a list answer (`{ data: [...] }`); nothing when the body is not one. */
export function listData(body: unknown): unknown[] {
  return isPlainObject(body) && Array.isArray(body.data) ? body.data : [];
}
