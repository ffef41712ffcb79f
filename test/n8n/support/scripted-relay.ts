import { startReceiver, type ReceivedRequest, type Receiver } from '../../support/receiver';
import type { CredentialData } from './credentials-helper';

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A loopback server answering as the relay would in cases a real relay cannot be brought to on
 * demand (429 with Retry-After, a proxy's 502, a body that is no answer of the API): the nodes'
 * real HTTP requests reach it, and the test reads what they sent.
 */
export interface ScriptedRelay {
  credentials: CredentialData;
  requests: ReceivedRequest[];
  answer(respond: (request: ReceivedRequest) => ScriptedAnswer): void;
  close(): Promise<void>;
}

export async function startScriptedRelay(apiKey = 'fck_scripted_key'): Promise<ScriptedRelay> {
  const receiver: Receiver = await startReceiver(() => ({
    status: 500,
    body: 'no answer scripted',
  }));
  return {
    credentials: { baseUrl: new URL(receiver.url).origin, apiKey },
    requests: receiver.requests,
    answer(respond) {
      receiver.respondWith((request) => {
        const { status, body, headers } = respond(request);
        return {
          status,
          headers: { 'content-type': 'application/json', ...headers },
          body: body === undefined ? '' : JSON.stringify(body),
        };
      });
    },
    close: () => receiver.close(),
  };
}
