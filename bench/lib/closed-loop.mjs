// Closed-loop load with autocannon: `concurrency` connections, each sending its next
// request as soon as the previous answer arrived, for `seconds`.
import autocannon from 'autocannon';

/**
 * @param {object} input
 * @param {string} input.url
 * @param {Record<string,string>} input.headers
 * @param {number} input.concurrency
 * @param {number} input.seconds
 * @param {(i: number) => {tag: string, body: string}} input.message
 * @param {(tag: string) => void} [input.onAccepted] called for each 2xx answer
 */
export async function runClosedLoop({ url, headers, concurrency, seconds, message, onAccepted }) {
  let sent = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: concurrency,
    pipelining: 1,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [
      {
        setupRequest(request, context) {
          const { tag, body } = message(sent++);
          context.tag = tag;
          return { ...request, body };
        },
        onResponse(status, _body, context) {
          if (status >= 200 && status < 300) onAccepted?.(context.tag);
        },
      },
    ],
  });
  const ok = result['2xx'];
  // With no answer inside the run autocannon reports 0 ms; the truth is "longer than the run".
  const none = ok === 0 ? Number.POSITIVE_INFINITY : undefined;
  return {
    messagesPerSecond: ok / (result.duration || seconds),
    p50: none ?? result.latency.p50,
    p99: none ?? result.latency.p99,
    accepted: ok,
    rejected: result.non2xx + result.errors + result.timeouts,
  };
}
