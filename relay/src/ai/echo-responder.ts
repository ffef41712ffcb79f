import type { Responder } from './responder.js';

/** An offline stand-in for trials and demos; its replies say what they are. */
export function createEchoResponder(): Responder {
  return {
    name: 'echo',
    async reply({ history }) {
      const last = history.at(-1)?.content ?? '';
      return `[echo] ${last}`;
    },
  };
}
