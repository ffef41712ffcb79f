import {
  defineInputFields,
  type Bundle,
  type InferInputData,
  type ZObject,
} from 'zapier-platform-core';
import { fetchConversation } from '../../conversations/fetch.js';
import type { ConversationItem } from '../../conversations/item.js';
import { connectionField } from '../../fields/connection.js';
import { expectBody, isListOf } from '../../relay/body.js';
import { apiPath, relayUrl } from '../../relay/url.js';
import { isNonEmptyString, isPlainObject } from '../../shared/index.js';

export const findConversationInputFields = defineInputFields([
  connectionField,
  {
    key: 'userId',
    label: 'User ID',
    required: true,
    helpText:
      'The User ID the messages were sent with: a user has one conversation per connection.',
  },
]);

const hasId = (value: unknown): value is { id: string } =>
  isPlainObject(value) && isNonEmptyString(value.id);

/**
 * The user's conversation on the connection (there is at most one), with its messages like Get
 * Conversation gives them; none when the user has not written yet.
 */
export async function perform(
  z: ZObject,
  bundle: Bundle<InferInputData<typeof findConversationInputFields>>,
): Promise<ConversationItem[]> {
  const { connectionId, userId } = bundle.inputData;
  const response = await z.request({
    url: relayUrl(z, bundle.authData, apiPath`/api/connections/${connectionId}/conversations`),
    params: { userId },
  });
  const found = expectBody(z, response, isListOf(hasId), 'the conversation search').data[0];
  return found === undefined ? [] : [await fetchConversation(z, bundle.authData, found.id)];
}
