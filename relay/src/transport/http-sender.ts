import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isForbiddenAddress } from '../security/url-guard.js';

export interface SendRequest {
  /** Default POST (a delivery); DELETE turns a Zap off through its hook URL. */
  method?: 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export type SendOutcome =
  | { status: number; durationMs: number; responseSnippet: string; retryAfter?: string }
  | { status: null; durationMs: number; error: string };

/** Sends one delivery. Injected so tests and benchmarks can swap the transport. */
export type HttpSender = (request: SendRequest) => Promise<SendOutcome>;

const SNIPPET_BYTES = 1024;

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** Resolves like the OS, then refuses private targets at connect time (DNS rebinding). */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const list = addresses;
    const refused = list.find((entry) => isForbiddenAddress(entry.address));
    if (refused || list.length === 0) {
      const denied: NodeJS.ErrnoException = new Error(
        `refused: ${hostname} resolves to a private address`,
      );
      denied.code = 'EPRIVATETARGET';
      callback(denied, []);
      return;
    }
    if (options.all) {
      callback(null, list);
      return;
    }
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}

export function createHttpSender({ allowPrivate }: { allowPrivate: boolean }): HttpSender {
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  const agents = {
    'http:': new http.Agent(agentOptions),
    'https:': new https.Agent(agentOptions),
  };
  return (request) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        resolve({ status: null, durationMs: 0, error: 'invalid URL' });
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        resolve({ status: null, durationMs: 0, error: 'unsupported protocol' });
        return;
      }
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (!allowPrivate && /^[\d.]+$|:/.test(literal) && isForbiddenAddress(literal)) {
        resolve({ status: null, durationMs: 0, error: 'refused: private address' });
        return;
      }
      const transport = url.protocol === 'https:' ? https : http;
      let req: http.ClientRequest;
      try {
        req = transport.request(url, {
          method: request.method ?? 'POST',
          agent: agents[url.protocol],
          headers: {
            ...request.headers,
            'content-length': String(Buffer.byteLength(request.body)),
          },
          ...(allowPrivate ? {} : { lookup: guardedLookup }),
        });
      } catch (error) {
        // Node refuses some requests before sending (a header value it cannot encode):
        // that is a failed attempt like any other, not a crash.
        resolve({ status: null, durationMs: elapsed(), error: (error as Error).message });
        return;
      }
      const timer = setTimeout(() => {
        req.destroy(new Error(`timed out after ${String(request.timeoutMs)} ms`));
      }, request.timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        resolve({ status: null, durationMs: elapsed(), error: error.message });
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          res.removeAllListeners('data');
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            durationMs: elapsed(),
            responseSnippet: Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8'),
            ...(retryAfter ? { retryAfter } : {}),
          });
          // Only the snippet is kept: stop reading so a huge or endless body costs nothing.
          if (!res.complete) res.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= SNIPPET_BYTES) finish();
        });
        res.once('end', finish);
        res.on('error', finish);
      });
      req.end(request.body);
    });
  };
}
