import { subscribeFor } from '../hook/subscription.js';

/** Replies are what the relay sends a subscription that names no events. */
export const performSubscribe = subscribeFor();
