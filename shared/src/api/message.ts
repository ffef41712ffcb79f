import type { OutgoingPayload } from '../payloads/outgoing.js';

/** `GET /api/messages/:id`: a message sent to the relay, and its reply once there is one. */
export interface MessageLookup {
  /** The messageId of the 202. */
  id: string;
  connectionId: string;
  conversationId: string;
  userId?: string;
  status: 'pending' | 'replied' | 'failed';
  /** The reply exactly as delivered; null until replied. */
  reply: OutgoingPayload | null;
  /** Why the reply failed. */
  error?: string;
}
