// The objects the repository suite stores: each a valid model object with what a test needs
// changed. Ids are unique per call, so the tests of one store never see each other's objects.
import { randomBytes } from 'node:crypto';
import type { Chatbot } from '../../../relay/src/model/chatbot.js';
import type { Connection } from '../../../relay/src/model/connection.js';
import type { NewConversation } from '../../../relay/src/model/conversation.js';
import type { Delivery, DeliveryClaim } from '../../../relay/src/model/delivery.js';
import type { Message, PendingMessage } from '../../../relay/src/model/message.js';
import type { Subscription } from '../../../relay/src/model/subscription.js';
import type { HealthDelta } from '../../../relay/src/model/target-health.js';
import type { Store } from '../../../relay/src/store/store.js';
import { pendingDelivery } from '../../support/delivery-doc.js';

/** How a backend gives the suite stores: each new and empty. */
export interface StoreBackend {
  name: string;
  open(): Promise<Store>;
  /** Closes it and removes what it stored. */
  close(store: Store): Promise<void>;
}

export const T0 = new Date('2026-03-01T12:00:00.000Z');

/** `T0` moved by `ms`. */
export const at = (ms: number) => new Date(T0.getTime() + ms);

export const uid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export function chatbot(fields: Partial<Chatbot> = {}): Chatbot {
  return {
    id: uid('bot'),
    workspaceId: uid('ws'),
    name: 'Bot',
    systemPrompt: 'Be brief.',
    model: 'gpt-test',
    temperature: 0.5,
    historyLimit: 20,
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
}

export function connection(fields: Partial<Connection> = {}): Connection {
  return {
    id: uid('conn'),
    workspaceId: uid('ws'),
    chatbotId: uid('bot'),
    name: 'Webhook',
    webhookUrl: 'https://receiver.example/hook',
    secret: uid('sealed'),
    previousSecrets: [],
    customHeaders: [{ name: 'X-Key', value: 'v' }],
    enabled: true,
    webhookPaused: null,
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
}

export function subscription(fields: Partial<Subscription> = {}): Subscription {
  return {
    id: uid('sub'),
    workspaceId: uid('ws'),
    connectionId: uid('conn'),
    targetUrl: `https://hooks.example/${uid('t')}`,
    secret: uid('sealed'),
    events: ['ai.response'],
    filter: null,
    whileUnpublished: 'hold',
    paused: null,
    expiresAt: null,
    createdAt: T0,
    ...fields,
  };
}

/** A new conversation and a message accepted for it. */
export function acceptance(fields: Partial<PendingMessage> = {}): {
  conversation: NewConversation;
  message: PendingMessage;
} {
  const message: PendingMessage = {
    id: uid('msg'),
    workspaceId: 'ws_a',
    conversationId: uid('conv'),
    connectionId: uid('conn'),
    chatbotId: 'bot_a',
    content: 'Hello',
    metadataJson: '{"order":"42"}',
    userId: 'user_1',
    replyId: uid('msg'),
    callback: null,
    acceptedAt: T0,
    ...fields,
  };
  const conversation: NewConversation = {
    id: message.conversationId,
    workspaceId: message.workspaceId,
    connectionId: message.connectionId,
    chatbotId: message.chatbotId,
    userId: message.userId,
    createdAt: T0,
  };
  return { conversation, message };
}

/** The settled question of a pending message, and its reply. */
export function turn(pending: PendingMessage, seq = 0): { question: Message; reply: Message } {
  const settled = {
    workspaceId: pending.workspaceId,
    conversationId: pending.conversationId,
    connectionId: pending.connectionId,
    metadataJson: null,
    userId: pending.userId,
    status: 'completed' as const,
    error: null,
  };
  return {
    question: {
      ...settled,
      id: pending.id,
      seq,
      role: 'user',
      content: pending.content,
      replyId: pending.replyId,
      outgoing: null,
      createdAt: pending.acceptedAt,
    },
    reply: {
      ...settled,
      id: pending.replyId,
      seq: seq + 0.5,
      role: 'assistant',
      content: `[echo] ${pending.content}`,
      replyId: null,
      outgoing: '{"message":"reply"}',
      createdAt: pending.acceptedAt,
    },
  };
}

export function delivery(fields: Partial<Delivery> = {}): Delivery {
  return {
    ...pendingDelivery(uid('dlv'), {
      workspaceId: 'ws_a',
      connectionId: uid('conn'),
      targetUrl: 'https://receiver.example/hook',
      at: T0,
    }),
    ...fields,
  };
}

/** A claim of `owner` on attempt `attempt`, held until `until`. */
export function claim(owner: string, attempt = 0, until = at(60_000)): DeliveryClaim {
  return { owner, attempt, until };
}

/** One attempt of a target in the hour of `when`, as a health flush carries it. */
export function attemptDelta(
  key: string,
  outcome: { ok: boolean; when?: Date; gaveUp?: boolean; durationMs?: number },
): HealthDelta {
  const when = outcome.when ?? T0;
  const failed = { message: 'HTTP 500', at: when };
  return {
    key,
    connectionId: 'conn_health',
    subscriptionId: null,
    hours: [
      {
        hour: Math.floor(when.getTime() / 3_600_000),
        attempts: 1,
        succeeded: outcome.ok ? 1 : 0,
        latency: new Map([[3, 1]]),
      },
    ],
    failures: outcome.gaveUp ? 1 : 0,
    success: outcome.ok ? { at: when, failingSince: null } : null,
    firstFailureAt: outcome.ok ? null : when,
    lastError: outcome.ok ? null : failed,
  };
}

/** Of calls made at once, how many fulfilled, and the reasons of the others. */
export async function race<T>(
  calls: (() => Promise<T>)[],
): Promise<{ values: T[]; reasons: unknown[] }> {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  return {
    values: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    reasons: settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : [])),
  };
}

export const times = (n: number) => Array.from({ length: n }, (_, index) => index);
