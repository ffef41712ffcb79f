import {
  defineInputFields,
  type Bundle,
  type InferInputData,
  type ZObject,
} from 'zapier-platform-core';
import { expectBody } from '../../relay/body.js';
import { findOnRelay } from '../../relay/find.js';
import { apiPath } from '../../relay/url.js';
import { isMessageLookup, toReplyItem, type ReplyItem } from './item.js';

export const findReplyInputFields = defineInputFields([
  {
    key: 'messageId',
    label: 'Message ID',
    required: true,
    helpText:
      'The **Message ID** a Send Message step returned for the message whose reply you want.',
  },
]);

/** The message's reply, or where it stands (`pending`, `failed`); none for an unknown id. */
export async function perform(
  z: ZObject,
  bundle: Bundle<InferInputData<typeof findReplyInputFields>>,
): Promise<ReplyItem[]> {
  const path = apiPath`/api/messages/${bundle.inputData.messageId}`;
  const response = await findOnRelay(z, bundle.authData, path);
  if (response === undefined) return [];
  return [toReplyItem(expectBody(z, response, isMessageLookup, 'the message request'))];
}
