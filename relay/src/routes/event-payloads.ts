import { z } from 'zod';
import { SUBSCRIPTION_REMOVAL_REASONS, type RelayEvent } from '@fourthchat/shared';
import type { WebhookSpec } from '../http/openapi.js';
import { eventTarget, isoDate, outgoingPayload } from './schemas.js';

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    type: z.literal(type),
    id: z.string(),
    connectionId: z.string(),
    timestamp: isoDate,
    data,
  });

const webhook = { kind: 'webhook', url: 'https://crm.example.com/hook' } as const;
const common = { connectionId: 'conn_0mx2b7c9', timestamp: '2026-11-29T10:30:00Z' };

const examples = {
  'delivery.failed': {
    type: 'delivery.failed',
    id: 'evt_0mx2d4a1',
    ...common,
    data: {
      target: webhook,
      deliveryId: 'dlv_5f0c2a9e',
      messageId: 'msg_0mx2d41d',
      attempts: 4,
      lastError: 'HTTP 500',
      lastAttemptAt: '2026-11-29T10:30:00Z',
    },
  },
  'target.paused': {
    type: 'target.paused',
    id: 'evt_0mx2d4a2',
    ...common,
    data: {
      target: webhook,
      reason: '100 consecutive deliveries failed',
      consecutiveFailures: 100,
      failingSince: '2026-11-28T08:12:09Z',
      lastError: 'HTTP 503',
    },
  },
  'target.resumed': {
    type: 'target.resumed',
    id: 'evt_0mx2d4a3',
    ...common,
    data: { target: webhook, by: 'api' },
  },
  'subscription.removed': {
    type: 'subscription.removed',
    id: 'evt_0mx2d4a4',
    ...common,
    data: {
      subscription: {
        id: 'sub_0mx2c1k4',
        targetUrl: 'https://hooks.zapier.com/hooks/standard/1/2/3',
      },
      reason: 'paused_too_long',
      heldDeliveries: 12,
    },
  },
  'message.failed': {
    type: 'message.failed',
    id: 'evt_0mx2d4a5',
    ...common,
    data: {
      messageId: 'msg_0mx2d41c',
      conversationId: 'conv_0mx2d41d',
      userId: 'customer-42',
      reason: 'AI provider error 503: overloaded',
    },
  },
} satisfies Record<RelayEvent['type'], RelayEvent>;

/** What subscriptions receive (OpenAPI `webhooks`), each with `X-Webhook-Event: <name>`. */
export const eventPayloads: WebhookSpec[] = [
  {
    name: 'ai.response',
    summary:
      "An AI reply: the spec's outgoing payload (the default; the webhook URL gets only these)",
    schema: outgoingPayload,
    example: {
      connectionId: common.connectionId,
      conversationId: 'conv_0mx2d41d',
      message: { id: 'msg_0mx2d41d', role: 'assistant', content: 'Your order ships today.' },
      userId: 'customer-42',
      timestamp: common.timestamp,
      metadata: {},
    },
  },
  {
    name: 'delivery.failed',
    summary: 'A reply delivery used up its attempts (never sent to the target it is about)',
    schema: envelope(
      'delivery.failed',
      z.object({
        target: eventTarget,
        deliveryId: z.string(),
        messageId: z.string().optional(),
        attempts: z.number(),
        lastError: z.string(),
        lastAttemptAt: isoDate,
      }),
    ),
    example: examples['delivery.failed'],
  },
  {
    name: 'target.paused',
    summary: 'A target failed for RELAY_DISABLE_AFTER (or was paused by hand) and gets no attempts',
    schema: envelope(
      'target.paused',
      z.object({
        target: eventTarget,
        reason: z.string(),
        consecutiveFailures: z.number(),
        failingSince: isoDate,
        lastError: z.string(),
      }),
    ),
    example: examples['target.paused'],
  },
  {
    name: 'target.resumed',
    summary:
      'A target was resumed: by PATCH or the page (api), a successful Test (test), or its URL subscribed again (subscribe)',
    schema: envelope(
      'target.resumed',
      z.object({ target: eventTarget, by: z.enum(['api', 'test', 'subscribe', 'probe']) }),
    ),
    example: examples['target.resumed'],
  },
  {
    name: 'subscription.removed',
    summary:
      'The relay removed a subscription (expired, paused too long, or its target answered 410); what it held is dropped',
    schema: envelope(
      'subscription.removed',
      z.object({
        subscription: z.object({ id: z.string(), targetUrl: z.string() }),
        reason: z.enum(SUBSCRIPTION_REMOVAL_REASONS),
        heldDeliveries: z.number(),
      }),
    ),
    example: examples['subscription.removed'],
  },
  {
    name: 'message.failed',
    summary:
      "A message's reply finally failed (AI error, chatbot deleted): to its callbackUrl and to subscriptions that chose it",
    schema: envelope(
      'message.failed',
      z.object({
        messageId: z.string(),
        conversationId: z.string(),
        userId: z.string().optional(),
        reason: z.string(),
      }),
    ),
    example: examples['message.failed'],
  },
];
