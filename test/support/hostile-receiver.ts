// Receivers that misbehave below the HTTP status line: they reset the connection, stream an
// endless body, or trickle one byte at a time. Counts what they managed to send.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileMode = 'reset' | 'endless-body' | 'trickle';

export interface HostileReceiver {
  url: string;
  /** Requests that reached the handler. */
  requests: number;
  /** Response body bytes the client accepted before it hung up. */
  bytesSent: number;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

export async function startHostileReceiver(mode: HostileMode): Promise<HostileReceiver> {
  const state = { requests: 0, bytesSent: 0 };
  const stream = (res: ServerResponse) => {
    // Writes as fast as the client reads, until it goes away.
    const pump = () => {
      while (!res.destroyed && res.write(CHUNK)) state.bytesSent += CHUNK.length;
      if (!res.destroyed) state.bytesSent += CHUNK.length;
    };
    res.on('drain', pump);
    pump();
  };
  const trickle = (res: ServerResponse) => {
    const timer = setInterval(() => {
      if (res.write('.')) state.bytesSent += 1;
    }, 50);
    res.once('close', () => clearInterval(timer));
  };
  const server = createServer((req, res) => {
    state.requests += 1;
    req.resume();
    req.once('end', () => {
      if (mode === 'reset') return req.socket.resetAndDestroy();
      res.writeHead(200, { 'content-type': 'text/plain' });
      if (mode === 'endless-body') stream(res);
      else trickle(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    get requests() {
      return state.requests;
    },
    get bytesSent() {
      return state.bytesSent;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
