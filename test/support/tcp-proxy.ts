// A loopback TCP proxy in front of the store that a test can cut: every open connection is
// dropped and new ones are refused until it is mended. What a crashed or unplugged store
// looks like to the driver, without touching the store other tests share.
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** The store's URL with the proxy's host and port. */
  url: string;
  cut(): void;
  mend(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(storeUrl: string): Promise<TcpProxy> {
  const target = new URL(storeUrl.replace(/^mongodb:/, 'http:'));
  const sockets = new Set<Socket>();
  let open = true;
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(storeUrl.replace(/^mongodb:/, 'http:'));
  url.host = `127.0.0.1:${String(port)}`;
  const cut = () => {
    open = false;
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: url.toString().replace(/^http:/, 'mongodb:'),
    cut,
    mend() {
      open = true;
    },
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
