import type {
  DeliveryFailedEvent,
  SubscriptionRemovedEvent,
  TargetPausedEvent,
  TargetResumedEvent,
} from '../../shared/index.js';

/** The contract's example: the CRM behind the connection's webhook URL answered 500 four times. */
export const deliveryFailedSample = {
  type: 'delivery.failed',
  id: 'evt_7d2f9a41',
  connectionId: 'conn_5f1c2a9e',
  timestamp: '2024-01-15T10:30:00Z',
  data: {
    target: { kind: 'webhook', url: 'https://crm.example.com/fourthchat/webhook' },
    deliveryId: 'dlv_0b8e3c52',
    messageId: 'msg_3b9e61f0',
    attempts: 4,
    lastError: 'HTTP 500',
    lastAttemptAt: '2024-01-15T10:30:00Z',
  },
} satisfies DeliveryFailedEvent;

export const targetPausedSample = {
  type: 'target.paused',
  id: 'evt_1a6c0e93',
  connectionId: 'conn_5f1c2a9e',
  timestamp: '2024-01-20T10:30:00Z',
  data: {
    target: { kind: 'webhook', url: 'https://crm.example.com/fourthchat/webhook' },
    reason: '100 consecutive deliveries failed',
    consecutiveFailures: 100,
    failingSince: '2024-01-15T10:30:00Z',
    lastError: 'HTTP 500',
  },
} satisfies TargetPausedEvent;

/** The webhook URL above, resumed by hand once the CRM was back. */
export const targetResumedSample = {
  type: 'target.resumed',
  id: 'evt_4c8d2b17',
  connectionId: 'conn_5f1c2a9e',
  timestamp: '2024-01-21T09:00:00Z',
  data: {
    target: { kind: 'webhook', url: 'https://crm.example.com/fourthchat/webhook' },
    by: 'api',
  },
} satisfies TargetResumedEvent;

/** Another Zap's hook, paused for failing and never renewed, removed with the replies it held. */
export const subscriptionRemovedSample = {
  type: 'subscription.removed',
  id: 'evt_9e0f5a26',
  connectionId: 'conn_5f1c2a9e',
  timestamp: '2024-02-19T10:30:00Z',
  data: {
    subscription: {
      id: 'sub_2d7a9c10',
      targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc/',
    },
    reason: 'paused_too_long',
    heldDeliveries: 12,
  },
} satisfies SubscriptionRemovedEvent;
