import {
  DELIVERY_STATUSES,
  EVENT_TYPES,
  customHeaderProblem,
  MAX_CUSTOM_HEADERS,
  MAX_HEADER_VALUE_LENGTH,
  type CustomHeaderProblem,
} from '@fourthchat/shared';
import { z } from 'zod';

/** Schemas shared by several routes; each route still declares its own. */
export const idParams = z.object({ id: z.string().min(1).max(100) });

export const isoDate = z.string();

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

const HEADER_PROBLEMS: Record<CustomHeaderProblem, (name: string) => string> = {
  bad_name: (name) => `${name} is not a valid HTTP header name`,
  reserved: (name) => `${name} is set by the relay itself and cannot be a custom header`,
  bad_value: () =>
    'header values may hold visible ASCII characters, spaces and tabs only (no line breaks, control characters or characters such as €)',
  too_long: () => `header values may be at most ${String(MAX_HEADER_VALUE_LENGTH)} characters`,
};

/** shared's rules, which the Connections page checks too. */
export const customHeaders = z
  .record(z.string(), z.string())
  .refine(
    (headers) => Object.keys(headers).length <= MAX_CUSTOM_HEADERS,
    `at most ${String(MAX_CUSTOM_HEADERS)} custom headers`,
  )
  .superRefine((headers, ctx) => {
    for (const [name, value] of Object.entries(headers)) {
      const problem = customHeaderProblem(name, value);
      if (problem)
        ctx.addIssue({ code: 'custom', path: [name], message: HEADER_PROBLEMS[problem](name) });
    }
  });

export const secretInput = z
  .string()
  .min(8, 'a secret needs at least 8 characters')
  .max(200)
  .refine(
    (s) => !s.startsWith('whsec_') || /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(s),
    'a whsec_ secret must be base64 after the prefix',
  );

export const webhookUrl = z.string().min(1).max(2048);

export const chatbot = z.object({
  id: z.string(),
  name: z.string(),
  systemPrompt: z.string(),
  model: z.string(),
  temperature: z.number(),
  historyLimit: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

/** What a subscription receives: at least one type, each once. */
export const eventTypes = z
  .array(z.enum(EVENT_TYPES))
  .min(1)
  .transform((types) => [...new Set(types)]);

export const eventTarget = z.object({
  kind: z.enum(['webhook', 'subscription']),
  subscriptionId: z.string().optional(),
  url: z.string(),
});

export const targetHealth = z.object({
  target: eventTarget,
  state: z.enum(['healthy', 'failing', 'paused', 'unused']),
  last24h: z.object({
    attempts: z.number(),
    succeeded: z.number(),
    successRate: z.number().nullable(),
    p50Ms: z
      .number()
      .nullable()
      .describe('upper bound (ms) of the log-scale histogram bucket holding the median'),
    p99Ms: z.number().nullable(),
  }),
  consecutiveFailures: z.number(),
  failingSince: isoDate.optional(),
  lastError: z.object({ message: z.string(), at: isoDate }).optional(),
  lastSuccessAt: isoDate.optional(),
  paused: z.object({ at: isoDate, reason: z.string() }).optional(),
});

export const connection = z.object({
  id: z.string(),
  chatbotId: z.string(),
  name: z.string(),
  webhookUrl: z.string(),
  customHeaders: z.record(z.string(), z.string()),
  enabled: z.boolean(),
  incomingWebhookUrl: z.string(),
  health: z.array(targetHealth),
  createdAt: isoDate,
  updatedAt: isoDate,
});

/** Which messages' events a subscription takes (shared's `SubscriptionFilter`). */
export const subscriptionFilter = z.strictObject({
  userId: z.string().min(1).max(200).optional(),
  metadata: z
    .record(z.string().min(1).max(200), z.string().max(2000))
    .refine((entries) => Object.keys(entries).length <= 20, 'at most 20 metadata keys')
    .optional(),
});

export const subscription = z.object({
  id: z.string(),
  connectionId: z.string(),
  targetUrl: z.string(),
  events: z.array(z.enum(EVENT_TYPES)),
  filter: subscriptionFilter,
  whileUnpublished: z.enum(['hold', 'drop']),
  paused: z.boolean(),
  expiration_date: isoDate.optional(),
  health: targetHealth,
  createdAt: isoDate,
});

export const deliveryAttempt = z.object({
  at: isoDate,
  status: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().optional(),
  responseSnippet: z.string().optional(),
});

export const delivery = z.object({
  id: z.string(),
  connectionId: z.string(),
  subscriptionId: z.string().optional(),
  messageId: z.string().optional(),
  kind: z.enum(['reply', 'test', 'event', 'callback']),
  event: z.enum(EVENT_TYPES).optional(),
  targetUrl: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.array(deliveryAttempt),
  nextAttemptAt: isoDate.optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const outgoingPayload = z.object({
  connectionId: z.string(),
  conversationId: z.string(),
  message: z.object({ id: z.string(), role: z.literal('assistant'), content: z.string() }),
  userId: z.string().optional(),
  timestamp: isoDate,
  metadata: z.record(z.string(), z.unknown()),
});

export const accepted = z.object({
  status: z.literal('accepted'),
  connectionId: z.string(),
  conversationId: z.string(),
  messageId: z.string(),
});

/** On listings that retention trims: how far back they reach. */
export const retentionInfo = z.object({ retentionDays: z.number(), availableSince: isoDate });

export const conversationSummary = z.object({
  id: z.string(),
  connectionId: z.string(),
  userId: z.string().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  lastMessage: z
    .object({
      id: z.string(),
      role: z.enum(['user', 'assistant']),
      content: z.string(),
      createdAt: isoDate,
    })
    .optional(),
});

export const messageLookup = z.object({
  id: z.string(),
  connectionId: z.string(),
  conversationId: z.string(),
  userId: z.string().optional(),
  status: z.enum(['pending', 'replied', 'failed']),
  reply: outgoingPayload.nullable(),
  error: z.string().optional(),
});
