import { z } from 'zod';
import type { AcceptedMessage } from '@fourthchat/shared';
import type { RelayServices } from '../app/services.js';
import { conversationForMessage } from '../domain/conversations.js';
import { once, requestHash, type StoredResponse } from '../domain/idempotency.js';
import { findOwned } from '../domain/owned.js';
import { HttpError } from '../http/errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import type { Principal } from '../http/state.js';
import { metadata } from './metadata.js';
import { accepted, outgoingPayload } from './schemas.js';

const body = z.object({
  connectionId: z.string().min(1).max(100),
  message: z.string().min(1, 'must not be empty').max(32_000),
  userId: z.string().min(1).max(200).optional(),
  metadata: metadata.optional(),
});
type IncomingBody = z.output<typeof body>;

const query = z.object({
  wait: z.enum(['true', 'false']).default('false'),
  timeoutMs: z.coerce.number().int().min(0).max(600_000).optional(),
});

const idempotencyKey = z.string().min(1).max(255);

export function incomingRoutes(services: RelayServices): RouteSpec[] {
  const { deps, worker, events } = services;

  async function accept(principal: Principal, input: IncomingBody): Promise<StoredResponse> {
    const connection = await findOwned(
      deps.store.connections,
      input.connectionId,
      principal.workspaceId,
      'Connection',
    );
    if (!connection.enabled) {
      throw new HttpError(
        'connection_disabled',
        'This connection is disabled; enable it to send messages',
      );
    }
    const { conversation, seq } = await conversationForMessage(deps, connection, input.userId);
    const messageId = deps.ids.next('msg');
    await deps.store.messages.insertOne({
      _id: messageId,
      workspaceId: principal.workspaceId,
      conversationId: conversation._id,
      connectionId: connection._id,
      seq,
      role: 'user',
      content: input.message,
      metadataJson: input.metadata === undefined ? null : JSON.stringify(input.metadata),
      userId: input.userId ?? null,
      status: 'pending',
      error: null,
      replyId: deps.ids.next('msg'),
      outgoing: null,
      createdAt: deps.clock.now(),
    });
    worker.schedule(conversation._id);
    const answer: AcceptedMessage = {
      status: 'accepted',
      connectionId: connection._id,
      conversationId: conversation._id,
      messageId,
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
        let first: StoredResponse;
        if (key) {
          const parsedKey = idempotencyKey.safeParse(key);
          if (!parsedKey.success) {
            throw new HttpError('validation_failed', 'Idempotency-Key: 1 to 255 characters', {
              field: 'Idempotency-Key',
            });
          }
          first = await once(
            deps,
            { workspaceId: principal.workspaceId, key, requestHash: requestHash(body) },
            () => accept(principal, body),
          );
        } else {
          first = await accept(principal, body);
        }
        if (query.wait !== 'true' || first.status !== 202) return first;
        const acceptedBody = first.body as AcceptedMessage;
        const timeoutMs = Math.min(
          query.timeoutMs ?? deps.settings.syncTimeoutMs,
          deps.settings.syncTimeoutMs,
        );
        const outcome = await events.wait(acceptedBody.messageId, timeoutMs);
        if (outcome.state === 'completed') {
          return { status: 200, body: JSON.parse(outcome.outgoing) as unknown };
        }
        if (outcome.state === 'failed') throw new HttpError('reply_failed', outcome.error);
        return first;
      },
    }),
  ];
}
