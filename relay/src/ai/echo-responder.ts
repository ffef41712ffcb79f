import type { Responder } from './responder.js';

/** An offline stand-in for trials and demos; its replies say what they are. */
export function createEchoResponder(): Responder {
  return {
    name: 'echo',
    reply({ history }) {
      const last = history.at(-1)?.content ?? '';
      return Promise.resolve(`[echo] ${last}`);
    },
  };
}
