import type {
  DeliveryFailedEvent,
  OutgoingPayload,
  SubscriptionRemovedEvent,
  TargetPausedEvent,
  TargetResumedEvent,
  TestPayload,
} from '../../../zapier-app/src/shared/index.js';

export const reply: OutgoingPayload = {
  connectionId: 'conn_1',
  conversationId: 'conv_1',
  message: { id: 'msg_reply_1', role: 'assistant', content: 'Hello John! How can I help?' },
  userId: 'user-123',
  timestamp: '2024-01-15T10:30:00Z',
  metadata: { email: 'john@example.com' },
};

export const testPayload: TestPayload = {
  test: true,
  message: 'This is a test webhook from your chatbot!',
  timestamp: '2024-01-15T10:30:00Z',
  connectionId: 'conn_1',
  connectionName: 'My Webhook',
};

/** The connection's webhook URL gave up on the reply above. */
export const deliveryFailedEvent: DeliveryFailedEvent = {
  type: 'delivery.failed',
  id: 'evt_1',
  connectionId: 'conn_1',
  timestamp: '2024-01-15T10:31:00Z',
  data: {
    target: { kind: 'webhook', url: 'https://crm.example.com/hook' },
    deliveryId: 'dlv_9',
    messageId: 'msg_reply_1',
    attempts: 4,
    lastError: 'HTTP 500',
    lastAttemptAt: '2024-01-15T10:31:00Z',
  },
};

export const targetPausedEvent: TargetPausedEvent = {
  type: 'target.paused',
  id: 'evt_2',
  connectionId: 'conn_1',
  timestamp: '2024-01-20T10:30:00Z',
  data: {
    target: { kind: 'webhook', url: 'https://crm.example.com/hook' },
    reason: '100 consecutive deliveries failed',
    consecutiveFailures: 100,
    failingSince: '2024-01-15T10:31:00Z',
    lastError: 'HTTP 500',
  },
};

/** The webhook URL above, resumed through the API. */
export const targetResumedEvent: TargetResumedEvent = {
  type: 'target.resumed',
  id: 'evt_3',
  connectionId: 'conn_1',
  timestamp: '2024-01-21T09:00:00Z',
  data: { target: { kind: 'webhook', url: 'https://crm.example.com/hook' }, by: 'api' },
};

/** A Zap's hook answered 410: the relay removed its subscription. */
export const subscriptionRemovedEvent: SubscriptionRemovedEvent = {
  type: 'subscription.removed',
  id: 'evt_4',
  connectionId: 'conn_1',
  timestamp: '2024-01-21T10:00:00Z',
  data: {
    subscription: { id: 'sub_9', targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc/' },
    reason: 'gone',
    heldDeliveries: 0,
  },
};
