// RELAY_DISABLE_AFTER, RELAY_SUBSCRIPTION_EXPIRY, RELAY_RECOVER_RATE and RELAY_PROBE_INTERVAL as
// read at start.
import { expect, test } from '@jest/globals';
import { loadConfig } from '../../relay/src/config/config.js';

const DAY_MS = 86_400_000;

test('the defaults: 5 days or 100 failed deliveries, 30 days, 10 a second, a probe each 5 min', () => {
  const config = loadConfig({});

  expect(config.disableAfter).toEqual({ ms: 5 * DAY_MS, failures: 100 });
  expect(config.subscriptionExpiryMs).toBe(30 * DAY_MS);
  expect(config.recoverRatePerSecond).toBe(10);
  expect(config.probeIntervalMs).toBe(300_000);
});

test.each([
  ['5d,100', { ms: 5 * DAY_MS, failures: 100 }],
  ['100', { ms: null, failures: 100 }],
  ['2h', { ms: 7_200_000, failures: null }],
  [' 30 , 90m ', { ms: 5_400_000, failures: 30 }],
  ['500ms', { ms: 500, failures: null }],
])('RELAY_DISABLE_AFTER=%p', (given, expected) => {
  expect(loadConfig({ RELAY_DISABLE_AFTER: given }).disableAfter).toEqual(expected);
});

test.each(['5 days', '1d,2d', '10,20', '0', '-1', '5d,', 'h'])(
  'RELAY_DISABLE_AFTER=%p stops the start with an error naming the variable',
  (given) => {
    expect(() => loadConfig({ RELAY_DISABLE_AFTER: given })).toThrow(/RELAY_DISABLE_AFTER: /);
  },
);

test('RELAY_SUBSCRIPTION_EXPIRY and RELAY_RECOVER_RATE are checked too', () => {
  expect(loadConfig({ RELAY_SUBSCRIPTION_EXPIRY: '12h' }).subscriptionExpiryMs).toBe(43_200_000);
  expect(() => loadConfig({ RELAY_SUBSCRIPTION_EXPIRY: '100' })).toThrow(
    /RELAY_SUBSCRIPTION_EXPIRY: /,
  );
  expect(() => loadConfig({ RELAY_RECOVER_RATE: '0' })).toThrow(/RELAY_RECOVER_RATE: /);
  expect(loadConfig({ RELAY_PROBE_INTERVAL: '1m' }).probeIntervalMs).toBe(60_000);
  expect(() => loadConfig({ RELAY_PROBE_INTERVAL: 'often' })).toThrow(/RELAY_PROBE_INTERVAL: /);
});
