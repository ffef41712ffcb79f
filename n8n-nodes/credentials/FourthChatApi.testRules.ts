import type { IAuthenticateRuleResponseCode } from 'n8n-workflow';

const BASE_URL_HINT =
  "It should be the relay's address without /api, for example https://relay.example.com.";

function onStatus(value: number, message: string): IAuthenticateRuleResponseCode {
  return { type: 'responseCode', properties: { value, message } };
}

/**
 * What n8n shows when the credential test (`GET /api/me`) answers with an error status: in place
 * of n8n's bare status text ("Unauthorized"), what is wrong and what to change. n8n uses the first
 * rule whose status matches.
 */
export const credentialTestRules: IAuthenticateRuleResponseCode[] = [
  onStatus(
    401,
    "The API key is not valid for this relay. Copy it again from the relay's first start output (or use a key listed in its RELAY_BOOTSTRAP_API_KEY), or create a new one with POST /api/keys.",
  ),
  // The relay itself never answers /api/me with 403 or 404: something else is at the Base URL.
  onStatus(
    403,
    `The Base URL does not point at a FourthChat Relay: the server there refused /api/me (HTTP 403). ${BASE_URL_HINT}`,
  ),
  onStatus(
    404,
    `The Base URL does not point at a FourthChat Relay: the server there has no /api/me (HTTP 404). ${BASE_URL_HINT}`,
  ),
  onStatus(
    429,
    'The relay is rate limiting this API key (HTTP 429). Wait a minute and test again.',
  ),
  onStatus(
    502,
    'A proxy at the Base URL could not reach the FourthChat Relay behind it (HTTP 502). Check that the relay is running.',
  ),
  onStatus(
    503,
    "The FourthChat Relay is not ready (HTTP 503): its store is unreachable or it is starting. Check the relay's log and test again.",
  ),
  onStatus(
    504,
    'A proxy at the Base URL timed out waiting for the FourthChat Relay behind it (HTTP 504). Check that the relay is running.',
  ),
];
