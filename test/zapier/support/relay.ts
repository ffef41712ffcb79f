// A real relay (the built relay/dist, on the embedded test store) for one Zapier test file, with
// a chatbot and a connection whose webhook URL is a loopback receiver.
import { afterAll, beforeAll } from '@jest/globals';
import { startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai.js';
import { startRelayProcess, type RelayProcess } from '../../support/relay-process.js';
import { scaledMs } from '../../support/time-scale.js';
import { startReceiver, type Receiver } from './receiver.js';
import { idOf, relayApi, type RelayApi } from './relay-api.js';

export interface ZapierTestRelay {
  process: RelayProcess;
  api: RelayApi;
  /** What a user enters when connecting FourthChat to this relay. */
  authData: { apiKey: string; baseUrl: string };
  chatbotId: string;
  connectionId: string;
  /** Stands in for Zapier's hook and callback endpoints, and for the connection's webhook URL. */
  receiver: Receiver;
  /** The relay's AI: answers "[ai] <message>", or holds replies while the test wants them slow. */
  ai: FakeOpenAi;
  /** Another connection of the same chatbot. */
  addConnection(name: string, webhookPath?: string): Promise<string>;
}

export const RELAY_START_MS = scaledMs(120_000);

export interface RelayOptions {
  env?: Record<string, string>;
  /** The receiver's answer for a path (default 200). */
  statusFor?: (path: string) => number;
}

/**
 * Call at the top of a test file; the object is filled in by beforeAll. The relay uses the fake
 * OpenAI server, so a test can make a reply slow with `ai.hold()` instead of sleeping.
 */
export function relayForZapierTests(options: RelayOptions = {}): ZapierTestRelay {
  const relay = {} as ZapierTestRelay;
  beforeAll(async () => {
    const receiver = await startReceiver(options.statusFor);
    const ai = await startFakeOpenAi();
    const process = await startRelayProcess({
      env: {
        AI_PROVIDER: 'openai',
        OPENAI_BASE_URL: ai.baseUrl,
        OPENAI_API_KEY: 'sk-test',
        RELAY_ALLOW_PRIVATE_URLS: 'true',
        RELAY_RETRY_SCHEDULE: '1s,1s,1s',
        ...options.env,
      },
    });
    const api = relayApi(process.baseUrl, process.apiKey);
    const chatbotId = idOf(await api.post('/api/chatbots', { name: 'Zapier test bot' }));
    const addConnection = async (name: string, webhookPath = '/connection-webhook') =>
      idOf(
        await api.post(`/api/chatbots/${chatbotId}/connections`, {
          name,
          webhookUrl: `${receiver.url}${webhookPath}`,
        }),
      );
    Object.assign(relay, {
      process,
      api,
      authData: { apiKey: process.apiKey, baseUrl: process.baseUrl },
      chatbotId,
      connectionId: await addConnection('Zapier test'),
      receiver,
      ai,
      addConnection,
    } satisfies ZapierTestRelay);
  }, RELAY_START_MS);
  afterAll(async () => {
    await relay.process?.stop();
    await relay.receiver?.close();
    await relay.ai?.close();
  }, RELAY_START_MS);
  return relay;
}
