import { z } from 'zod';
import {
  MESSAGE_MAX_LENGTH,
  messageTextProblem,
  type AcceptedMessage,
  type MessageTextProblem,
} from '@fourthchat/shared';
import type { RelayServices } from './services.js';
import { checkWebhookUrl } from './target-input.js';
import { conversationIdFor } from '../conversations/conversation-ids.js';
import { once, requestHash, type StoredResponse } from '../http/idempotency.js';
import { ownedOr404 } from '../http/owned.js';
import { HttpError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import type { Principal } from '../http/state.js';
import { NotStoredError } from '../conversations/accept-batcher.js';
import type { Waiter } from '../conversations/reply-waits.js';
import type { Connection } from '../model/connection.js';
import type { Callback } from '../model/message.js';
import { metadata } from './metadata.js';
import { accepted, outgoingPayload, secretInput, webhookUrl } from './schemas.js';

const body = z.object({
  connectionId: z.string().min(1).max(100),
  // shared's rule, which the n8n node and the Zapier app check before sending too.
  message: z.string().superRefine((text, ctx) => {
    const problem = messageTextProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: MESSAGE_PROBLEMS[problem] });
  }),
  userId: z.string().min(1).max(200).optional(),
  metadata: metadata.optional(),
  callbackUrl: webhookUrl
    .optional()
    .describe(
      'The reply (or its final failure, message.failed) is POSTed here once, signed and retried; not when ?wait=true answered with it',
    ),
  callbackSecret: secretInput
    .optional()
    .describe("Signs the callback; default: the connection's secret"),
});
type IncomingBody = z.output<typeof body>;

const MESSAGE_PROBLEMS: Record<MessageTextProblem, string> = {
  not_text: 'must be a string',
  blank: 'must not be empty or only whitespace',
  too_long: `must be at most ${String(MESSAGE_MAX_LENGTH)} characters`,
};

const query = z.object({
  wait: z.enum(['true', 'false']).default('false'),
  timeoutMs: z.coerce.number().int().min(0).max(600_000).optional(),
});

const idempotencyKey = z.string().min(1).max(255);

function checkedKey(key: string): string {
  if (!idempotencyKey.safeParse(key).success) {
    throw new HttpError('validation_failed', 'Idempotency-Key: 1 to 255 characters', {
      field: 'Idempotency-Key',
    });
  }
  return key;
}

export function incomingRoutes(services: RelayServices): RouteSpec[] {
  const { deps, accepts, replies } = services;

  async function callbackOf(connection: Connection, input: IncomingBody): Promise<Callback | null> {
    if (input.callbackUrl === undefined) return null;
    const url = await checkWebhookUrl(deps, input.callbackUrl, 'callbackUrl');
    return input.callbackSecret === undefined
      ? { url, sealedSecret: connection.secret, own: false }
      : { url, sealedSecret: deps.secrets.seal(input.callbackSecret), own: true };
  }

  /** `beforeSubmit` gets the message id before the message can be answered (`?wait=true`). */
  async function accept(
    principal: Principal,
    input: IncomingBody,
    beforeSubmit: (messageId: string) => void,
  ): Promise<StoredResponse> {
    const connection = await ownedOr404(
      deps.store.connections.owned(input.connectionId, principal.workspaceId),
      'Connection',
    );
    if (!connection.enabled) {
      throw new HttpError(
        'connection_disabled',
        'This connection is disabled; enable it to send messages',
      );
    }
    const callback = await callbackOf(connection, input);
    const conversationId = conversationIdFor(deps.ids, connection.id, input.userId);
    const messageId = deps.ids.next('msg');
    const now = deps.clock.now();
    const replyId = deps.ids.next('msg');
    beforeSubmit(messageId);
    try {
      await accepts.submit({
        conversation: {
          id: conversationId,
          workspaceId: principal.workspaceId,
          connectionId: connection.id,
          chatbotId: connection.chatbotId,
          userId: input.userId ?? null,
          createdAt: now,
        },
        message: {
          id: messageId,
          workspaceId: principal.workspaceId,
          conversationId,
          connectionId: connection.id,
          chatbotId: connection.chatbotId,
          content: input.message,
          metadataJson: input.metadata === undefined ? null : JSON.stringify(input.metadata),
          userId: input.userId ?? null,
          replyId,
          callback,
          acceptedAt: now,
        },
      });
    } catch (error) {
      if (!(error instanceof NotStoredError)) throw error;
      throw new HttpError(
        'store_unavailable',
        'The message was not stored; send it again (with an Idempotency-Key to be safe)',
        { retryAfterSeconds: 1 },
      );
    }
    // The reply id rides along (also in a stored idempotent answer) for `?wait=true`;
    // the client never sees it.
    const answer: AcceptedMessage & { replyId: string } = {
      status: 'accepted',
      connectionId: connection.id,
      conversationId,
      messageId,
      replyId,
    };
    return { status: 202, body: answer };
  }

  return [
    defineRoute({
      method: 'post',
      path: '/api/webhooks/incoming',
      summary:
        'Send a message to the chatbot. 202 at once; with ?wait=true the reply itself (200) when it is ready in time',
      tag: 'Messages',
      query,
      body,
      responses: { 202: accepted, 200: outgoingPayload },
      async handler({ ctx, principal, query, body }) {
        const key = ctx.get('idempotency-key');
        // Registered before the message can be answered, so a quick reply finds it waiting.
        let waiter: Waiter | undefined;
        const expect = (messageId: string) => {
          if (query.wait === 'true') waiter = replies.expect(messageId);
        };
        let first: StoredResponse;
        try {
          first = key
            ? await once(
                deps,
                {
                  workspaceId: principal.workspaceId,
                  key: checkedKey(key),
                  // The whole body, callbackUrl and callbackSecret included.
                  requestHash: requestHash(body),
                },
                () => accept(principal, body, expect),
              )
            : await accept(principal, body, expect);
        } catch (error) {
          waiter?.cancel();
          throw error;
        }
        if (first.status !== 202) return first;
        const { replyId, ...acceptedBody } = first.body as AcceptedMessage & { replyId: string };
        if (query.wait !== 'true') return { status: 202, body: acceptedBody };
        const timeoutMs = Math.min(
          query.timeoutMs ?? deps.settings.syncTimeoutMs,
          deps.settings.syncTimeoutMs,
        );
        // A repeat of an idempotent request starts waiting only now.
        waiter ??= replies.expect(acceptedBody.messageId);
        const outcome = await waiter.wait(replyId, timeoutMs, {
          callback: body.callbackUrl !== undefined,
        });
        if (outcome.state === 'completed') {
          return { status: 200, body: JSON.parse(outcome.outgoing) as unknown };
        }
        if (outcome.state === 'failed') throw new HttpError('reply_failed', outcome.error);
        return { status: 202, body: acceptedBody };
      },
    }),
  ];
}
