// Receivers a test file starts on demand, closed together after its tests.
import { afterAll } from '@jest/globals';
import { startReceiver, type Receiver, type Responder } from './receiver.js';

/** Call at the top of a test file. */
export function receiverPool(): { start(responder?: Responder): Promise<Receiver> } {
  const started: Receiver[] = [];
  afterAll(() => Promise.all(started.map((receiver) => receiver.close())));
  return {
    async start(responder) {
      const receiver = await startReceiver(responder);
      started.push(receiver);
      return receiver;
    },
  };
}
