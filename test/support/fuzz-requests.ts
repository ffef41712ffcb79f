// Builds malformed requests for the relay's routes from a seeded PRNG, so a failing
// request can be rebuilt from the seed and its index.
import type { RouteSpec } from '../../relay/src/http/route.js';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface FuzzPools {
  /** Valid API key of the fuzzing workspace. */
  apiKey: string;
  /** Ids worth aiming at: the fuzzer's own objects and another workspace's. */
  ids: string[];
}

const OPERATORS = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  { $in: [] },
  { $set: { workspaceId: 'x' } },
];
const COMMON_FIELDS = [
  'connectionId',
  'message',
  'userId',
  'metadata',
  'name',
  'webhookUrl',
  'targetUrl',
  'secret',
  'customHeaders',
  'enabled',
  'systemPrompt',
  'temperature',
  'historyLimit',
  'workspaceId',
  '_id',
];
const QUERIES = [
  '',
  '',
  '?limit=-1',
  '?limit=1e999',
  '?limit[$gt]=0',
  '?status[$ne]=x',
  '?status=delivered&status=failed',
  '?wait=true&timeoutMs=abc',
  '?wait=maybe',
  '?__proto__[polluted]=1',
  '?constructor[prototype][polluted]=1',
  `?x=${'%ff'.repeat(50)}`,
];
const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml',
];
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS'];

function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The top-level field names a route's body schema knows, through zod wrappers. */
function fieldsOf(schema: unknown): string[] {
  let current = schema as
    { shape?: Record<string, unknown>; _def?: { schema?: unknown } } | undefined;
  for (let hops = 0; current && hops < 5; hops += 1) {
    if (current.shape) return Object.keys(current.shape);
    current = current._def?.schema as typeof current;
  }
  return [];
}

export function fuzzRequestFactory(routes: RouteSpec[], pools: FuzzPools, random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const hostileValue = (): unknown => {
    const choices: (() => unknown)[] = [
      () => pick(OPERATORS),
      () => pick(pools.ids),
      () => null,
      () => true,
      () => -1,
      () => 1e308,
      () => '',
      () => [pick(OPERATORS)],
      () => ({ __proto__: { polluted: 1 } }),
      () => JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'),
      () => 'x'.repeat(Math.floor(random() * 5000)),
      () => '\u0000\u202e',
      () => 'http://169.254.169.254/latest/meta-data/',
      () => 'javascript:alert(1)',
      () => ({ 'a.b': 1, $where: '1' }),
      () => 'ordinary text',
    ];
    return pick(choices)();
  };

  const body = (route: RouteSpec | undefined): string | Uint8Array => {
    const raw: (() => string | Uint8Array)[] = [
      () => Uint8Array.from([0x7b, 0x22, 0x6d, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
      () => deepJson(1 + Math.floor(random() * 3000)),
      () => `{"message":"${'y'.repeat(300 * 1024)}"}`,
      () => '{"connectionId": ',
      () => '[1,2,3]',
      () => 'null',
      () => '"just a string"',
      () => '{"__proto__":{"polluted":1}}',
      () => '{"constructor":{"prototype":{"polluted":1}}}',
      () => `{"message":"\\ud800","userId":"\\udfff"}`,
      () => '',
    ];
    if (random() < 0.35) return pick(raw)();
    const fields = [...fieldsOf(route?.body), ...COMMON_FIELDS];
    const object: Record<string, unknown> = {};
    const count = 1 + Math.floor(random() * 5);
    for (let i = 0; i < count; i += 1) object[pick(fields)] = hostileValue();
    return JSON.stringify(object);
  };

  const auth = (): Record<string, string> => {
    const roll = random();
    if (roll < 0.8) return { authorization: `Bearer ${pools.apiKey}` };
    return pick<Record<string, string>>([
      {},
      { authorization: 'Bearer ' },
      { authorization: 'Bearer fck_garbage' },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { authorization: `Bearer ${'k'.repeat(8000)}` },
      { authorization: `Bearer ${pools.apiKey}x` },
      { authorization: 'Bearer {"$gt":""}' },
    ]);
  };

  return (): FuzzRequest => {
    const route = pick(routes);
    const method = random() < 0.9 ? route.method.toUpperCase() : pick(METHODS);
    const path =
      route.path.replace(/:id/g, () =>
        encodeURIComponent(
          pick([
            ...pools.ids,
            '{"$gt":""}',
            '../../../etc/passwd',
            'x'.repeat(200),
            '%00',
            '__proto__',
          ]),
        ),
      ) + pick(QUERIES);
    const headers: Record<string, string> = { ...auth() };
    if (random() < 0.1) headers['idempotency-key'] = pick(['', 'k'.repeat(500), 'same-key']);
    const withBody = method !== 'GET' && method !== 'OPTIONS' && (route.body || random() < 0.3);
    if (!withBody) return { method, path, headers };
    if (random() < 0.9) headers['content-type'] = pick(CONTENT_TYPES);
    return { method, path, headers, body: body(route) };
  };
}
