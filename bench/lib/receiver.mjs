// The webhook receiver, inside the load process so that send and arrival times come
// from one clock. `/ok` answers 200 and notes when each benchmark message arrived;
// `/fail` answers 500 (the failing half of the retry benchmark).
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { LOOPBACK } from './children.mjs';

export async function startReceiver({ now = () => performance.now() } = {}) {
  const arrivals = new Map();
  const counts = { ok: 0, duplicates: 0, failed: 0 };
  const events = new EventEmitter();

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/fail') {
        counts.failed += 1;
        res.writeHead(500).end('failing on purpose');
        return;
      }
      const at = now();
      const tag = JSON.parse(Buffer.concat(chunks).toString('utf8')).metadata?.bench;
      counts.ok += 1;
      // Delivery is at-least-once: only the first arrival of a message counts.
      if (arrivals.has(tag)) counts.duplicates += 1;
      else {
        arrivals.set(tag, at);
        events.emit('arrival', tag);
      }
      res.writeHead(200).end('ok');
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(0, LOOPBACK, resolve));
  const base = `http://${LOOPBACK}:${server.address().port}`;

  return {
    okUrl: `${base}/ok`,
    failUrl: `${base}/fail`,
    arrivals,
    counts,
    /** Emits `arrival` with the tag of each first delivery. */
    events,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
