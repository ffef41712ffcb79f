import type { Bundle, ZObject } from 'zapier-platform-core';
import { expectBody } from '../relay/body.js';
import { apiPath, relayUrl } from '../relay/url.js';
import { isConversation, toConversationItem, type ConversationItem } from './item.js';

/** `GET /api/conversations/:id`: a conversation of the workspace; another's is a 404 error. */
export async function fetchConversation(
  z: ZObject,
  authData: Bundle['authData'],
  conversationId: string,
): Promise<ConversationItem> {
  const response = await z.request({
    url: relayUrl(z, authData, apiPath`/api/conversations/${conversationId}`),
  });
  return toConversationItem(expectBody(z, response, isConversation, 'the conversation request'));
}
