export * from './signing/headers.js';
export { getHeader } from './signing/header-lookup.js';
export * from './signing/delivery-info.js';
export { isValidSecret } from './signing/keys.js';
export * from './signing/errors.js';
export * from './signing/sign.js';
export * from './signing/verify-types.js';
export { verify } from './signing/verify.js';
export { DEFAULT_TOLERANCE_SECONDS } from './signing/verify-standard.js';
export * from './signing/secret.js';
export { isoSeconds } from './signing/time.js';

export * from './payloads/json.js';
export * from './payloads/message-text.js';
export * from './payloads/incoming.js';
export * from './payloads/accepted.js';
export * from './payloads/outgoing.js';
export * from './payloads/test-payload.js';
export * from './payloads/events.js';

export * from './api/workspace.js';
export * from './api/chatbot.js';
export * from './api/connection.js';
export * from './api/subscription.js';
export * from './api/delivery.js';
export * from './api/health.js';
export * from './api/conversation.js';
export * from './api/message.js';
export * from './api/test-result.js';
export * from './api/errors.js';
export * from './api/list.js';
export * from './api/custom-headers.js';

export * from './retry/schedule.js';
export * from './retry/retry-after.js';
export * from './retry/next-retry.js';
