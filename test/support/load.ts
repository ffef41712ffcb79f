// Steady ingress load for fault tests: sends messages until stopped and remembers which
// were accepted (202), so a test can demand each of those replies arrives.
import type { ApiCall } from './api-client.js';

export interface Load {
  /** Message text → messageId, for every 202. */
  accepted: Map<string, string>;
  /** Status code (or 'network') → count of the other answers. */
  refused: Map<string, number>;
  /** Slowest answer seen, in ms. */
  slowestMs: number;
  /** Stops sending and waits for requests in flight. */
  stop(): Promise<void>;
}

export function startLoad(input: {
  api: () => ApiCall;
  connectionId: string;
  prefix: string;
  concurrency?: number;
  userCount?: number;
}): Load {
  const load: Load = {
    accepted: new Map(),
    refused: new Map(),
    slowestMs: 0,
    stop: async () => {},
  };
  let running = true;
  let counter = 0;
  const users = input.userCount ?? 5;
  const sender = async () => {
    while (running) {
      const index = counter++;
      const message = `${input.prefix} ${index}`;
      const started = Date.now();
      let outcome: string;
      try {
        const response = await input.api()('/api/webhooks/incoming', {
          body: { connectionId: input.connectionId, message, userId: `user-${index % users}` },
        });
        outcome = String(response.status);
        if (response.status === 202) load.accepted.set(message, response.body.messageId as string);
      } catch {
        outcome = 'network';
        // The relay is down: do not spin.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      load.slowestMs = Math.max(load.slowestMs, Date.now() - started);
      if (outcome !== '202') load.refused.set(outcome, (load.refused.get(outcome) ?? 0) + 1);
    }
  };
  const senders = Array.from({ length: input.concurrency ?? 4 }, sender);
  load.stop = async () => {
    running = false;
    await Promise.all(senders);
  };
  return load;
}
