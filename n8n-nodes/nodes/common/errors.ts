import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { isApiErrorBody } from '../../shared';

/** The parts of a relay answer that decide how an error reads in n8n. */
export interface FailedRelayAnswer {
  statusCode: number;
  body: unknown;
  retryAfter?: string;
}

interface Explanation {
  message: string;
  description: string;
}

function explain(answer: FailedRelayAnswer, relayCode: string, relayMessage: string): Explanation {
  switch (answer.statusCode) {
    case 401:
      return {
        message: 'FourthChat rejected the API key',
        description: `Check the API key of the "FourthChat API" credential (relay said: ${relayMessage}).`,
      };
    case 404:
      return {
        message: `Not found in this FourthChat workspace: ${relayMessage}`,
        description:
          'Check the ID. An API key only sees its own workspace, so objects of other workspaces are reported as not found.',
      };
    case 429: {
      const wait = answer.retryAfter === undefined ? '' : ` Retry after ${answer.retryAfter} s.`;
      return {
        message: 'FourthChat rate limit reached',
        description: `The relay asked to slow down.${wait} Enable "Retry On Fail" in the node settings to retry automatically.`,
      };
    }
    case 424:
      return {
        message: 'The chatbot could not generate a reply',
        description: `The message is stored; see its conversation for details (relay said: ${relayMessage}).`,
      };
    default:
      return {
        message: `FourthChat request failed (${relayCode}): ${relayMessage}`,
        description: `The relay answered HTTP ${answer.statusCode}.`,
      };
  }
}

/** A relay answer outside 2xx as a NodeApiError whose message says what to do about it. */
export function relayApiError(
  node: INode,
  answer: FailedRelayAnswer,
  itemIndex?: number,
): NodeApiError {
  const relayError = isApiErrorBody(answer.body) ? answer.body.error : undefined;
  const relayCode = relayError?.code ?? `http_${answer.statusCode}`;
  const relayMessage = relayError?.message ?? `HTTP ${answer.statusCode}`;
  const response: JsonObject = {
    statusCode: answer.statusCode,
    code: relayCode,
    message: relayMessage,
  };
  if (relayError?.field !== undefined) response.field = relayError.field;
  return new NodeApiError(node, response, {
    ...explain(answer, relayCode, relayMessage),
    httpCode: String(answer.statusCode),
    itemIndex,
  });
}

/** Any failure of one item as an n8n node error that names the item. */
export function toNodeError(
  node: INode,
  error: unknown,
  itemIndex: number,
): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  return new NodeOperationError(node, error instanceof Error ? error : String(error), {
    itemIndex,
  });
}
