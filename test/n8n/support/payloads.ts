import type {
  AcceptedMessage,
  DeliveryFailedEvent,
  OutgoingPayload,
  TargetPausedEvent,
  TestPayload,
} from '../../../n8n-nodes/shared';

export const CONNECTION_ID = 'conn_1';

export function outgoingPayload(overrides: Partial<OutgoingPayload> = {}): OutgoingPayload {
  return {
    connectionId: CONNECTION_ID,
    conversationId: 'conv_1',
    message: { id: 'msg_2', role: 'assistant', content: 'Hello John! How can I help you today?' },
    userId: 'user-123',
    timestamp: '2024-01-15T10:30:00Z',
    metadata: { name: 'John Doe' },
    ...overrides,
  };
}

export function acceptedMessage(): AcceptedMessage {
  return {
    status: 'accepted',
    connectionId: CONNECTION_ID,
    conversationId: 'conv_1',
    messageId: 'msg_1',
  };
}

export function testPayload(): TestPayload {
  return {
    test: true,
    message: 'This is a test webhook from your chatbot!',
    timestamp: '2024-01-15T10:30:00Z',
    connectionId: CONNECTION_ID,
    connectionName: 'My Webhook',
  };
}

/** The resource locator value n8n stores for a connection picked "By ID". */
export const connectionById = { __rl: true, mode: 'id', value: CONNECTION_ID };

/** A `delivery.failed` event as the relay sends it: the connection's webhook URL gave up. */
export function deliveryFailedEvent(): DeliveryFailedEvent {
  return {
    type: 'delivery.failed',
    id: 'evt_1',
    connectionId: CONNECTION_ID,
    timestamp: '2024-01-15T10:31:00Z',
    data: {
      target: { kind: 'webhook', url: 'https://crm.example.com/hook' },
      deliveryId: 'dlv_9',
      messageId: 'msg_2',
      attempts: 4,
      lastError: 'HTTP 500',
      lastAttemptAt: '2024-01-15T10:31:00Z',
    },
  };
}

/** A `target.paused` event: a subscription failed for too long. */
export function targetPausedEvent(): TargetPausedEvent {
  return {
    type: 'target.paused',
    id: 'evt_2',
    connectionId: CONNECTION_ID,
    timestamp: '2024-01-20T10:30:00Z',
    data: {
      target: { kind: 'subscription', subscriptionId: 'sub_7', url: 'https://crm.example.com/sub' },
      reason: '100 consecutive deliveries failed',
      consecutiveFailures: 100,
      failingSince: '2024-01-15T10:31:00Z',
      lastError: 'HTTP 500',
    },
  };
}
