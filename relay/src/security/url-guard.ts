import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { HttpError } from '../errors.js';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local (cloud metadata), multicast and reserved addresses. */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isForbiddenAddress(mapped);
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export interface UrlPolicy {
  allowPrivate: boolean;
  resolve: Resolver;
}

/**
 * Checks a webhook target when it is saved: http(s) only, and unless private
 * targets are allowed, every address the name resolves to must be public.
 * The WHATWG parser already turns decimal and hex IPv4 forms into dotted ones.
 */
export async function checkTargetUrl(
  raw: string,
  policy: UrlPolicy,
  field: string,
): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HttpError('validation_failed', `${field}: not a valid URL`, { field });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpError('validation_failed', `${field}: must be an http or https URL`, { field });
  }
  if (url.username || url.password) {
    throw new HttpError('validation_failed', `${field}: must not contain credentials`, { field });
  }
  if (!policy.allowPrivate) await assertPublicHost(url.hostname, policy.resolve, field);
  return url.toString();
}

async function assertPublicHost(hostname: string, resolve: Resolver, field: string): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new HttpError('validation_failed', `${field}: the host name does not resolve`, {
        field,
      });
    }
  }
  if (addresses.length === 0 || addresses.some(isForbiddenAddress)) {
    throw new HttpError(
      'validation_failed',
      `${field}: private, loopback and link-local addresses are not allowed`,
      { field },
    );
  }
}
