import { defineApp, version as platformVersion } from 'zapier-platform-core';
import packageJson from '../package.json';
import { authentication } from './authentication.js';
import { getConversation } from './creates/get-conversation/index.js';
import { sendMessageAndWait } from './creates/send-and-wait/index.js';
import { sendMessage } from './creates/send-message/index.js';
import { addBearerToken, mapRelayErrors } from './middleware.js';
import { findConversation } from './searches/find-conversation/index.js';
import { findReply } from './searches/find-reply/index.js';
import { connectionList } from './triggers/connection-list.js';
import { newAiResponse } from './triggers/new-ai-response/index.js';
import { deliveryFailed } from './triggers/relay-event/delivery-failed.js';
import { subscriptionRemoved } from './triggers/relay-event/subscription-removed.js';
import { webhookPaused } from './triggers/relay-event/webhook-paused.js';
import { webhookResumed } from './triggers/relay-event/webhook-resumed.js';

// Zapier loads CommonJS apps with a plain require(), which would not see an ES default export.
export = defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  // false lets mapRelayErrors see 429s and keep the relay's message next to its Retry-After.
  flags: { throwForThrottlingEarly: false },
  beforeRequest: [addBearerToken],
  afterResponse: [mapRelayErrors],
  triggers: {
    [connectionList.key]: connectionList,
    [newAiResponse.key]: newAiResponse,
    [deliveryFailed.key]: deliveryFailed,
    [webhookPaused.key]: webhookPaused,
    [webhookResumed.key]: webhookResumed,
    [subscriptionRemoved.key]: subscriptionRemoved,
  },
  creates: {
    [sendMessage.key]: sendMessage,
    [sendMessageAndWait.key]: sendMessageAndWait,
    [getConversation.key]: getConversation,
  },
  searches: {
    [findConversation.key]: findConversation,
    [findReply.key]: findReply,
  },
});
