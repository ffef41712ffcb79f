import { getHeader } from './header-lookup.js';
import {
  ATTEMPT_HEADER,
  DELIVERY_URL_HEADER,
  ID_HEADER,
  LAST_ATTEMPT_HEADER,
  STANDARD_ID_HEADER,
  type IncomingHeaders,
} from './headers.js';

/** What a receiver knows of the delivery it got, from its headers (docs/CONTRACT.md). */
export interface DeliveryInfo {
  /** The delivery id: the same on every retry, the idempotency key. */
  id: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** No retry follows if this attempt fails. */
  isLastAttempt: boolean;
  /** The delivery in the relay's log (API); absent from a relay that does not send it. */
  url?: string;
}

/**
 * Reads the delivery metadata headers; undefined without an id. A relay from before these
 * headers sends only the id: the attempt then reads 1, not last, and the URL is absent.
 */
export function deliveryInfo(headers: IncomingHeaders): DeliveryInfo | undefined {
  const id = getHeader(headers, ID_HEADER) ?? getHeader(headers, STANDARD_ID_HEADER);
  if (id === undefined) return undefined;
  const attempt = Number(getHeader(headers, ATTEMPT_HEADER) ?? '1');
  const url = getHeader(headers, DELIVERY_URL_HEADER);
  return {
    id,
    attempt: Number.isSafeInteger(attempt) && attempt > 0 ? attempt : 1,
    isLastAttempt: getHeader(headers, LAST_ATTEMPT_HEADER)?.toLowerCase() === 'true',
    ...(url === undefined ? {} : { url }),
  };
}
