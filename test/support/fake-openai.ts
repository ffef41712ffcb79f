// A loopback OpenAI-compatible chat completions server for relay child processes (nock
// cannot reach into another process). Answers "[ai] <last message>"; can hold requests.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOpenAi {
  /** For OPENAI_BASE_URL. */
  baseUrl: string;
  /** Requests received so far, answered or held. */
  received: number;
  /** Requests waiting for release(). */
  held(): number;
  /** From now on, requests wait unanswered until release(). */
  hold(): void;
  /** Answers the held requests and stops holding. */
  release(): void;
  close(): Promise<void>;
}

interface ChatBody {
  messages?: { content?: string }[];
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  let holding = false;
  let parked: (() => void)[] = [];
  const state = { received: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.received += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
      const answer = () => complete(res, `[ai] ${body.messages?.at(-1)?.content ?? ''}`);
      if (holding) parked.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get received() {
      return state.received;
    },
    held: () => parked.length,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      const waiting = parked;
      parked = [];
      for (const answer of waiting) answer();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function complete(res: ServerResponse, content: string): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: 'fake',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    }),
  );
}
