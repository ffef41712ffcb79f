// The relay's settings as tests run it: loopback receivers, short timers, test-sized limits.
import type { RelaySettings } from '../../relay/src/deps.js';
import { scaledMs } from './time-scale.js';

export function testSettings(overrides: Partial<RelaySettings> = {}): RelaySettings {
  return {
    publicUrl: undefined,
    retryScheduleMs: [30_000, 120_000, 600_000],
    // Loopback receivers answer in milliseconds, but a busy machine must not turn that into a
    // timeout. Not longer: Agenda leaves a timer of half its lock lifetime (delivery timeout
    // + 5 s) after each job, which holds the test process that long.
    deliveryTimeoutMs: scaledMs(2_000),
    syncTimeoutMs: scaledMs(10_000),
    allowPrivateUrls: true,
    rateLimitPerMinute: 10_000,
    rotationOverlapMs: 24 * 60 * 60 * 1000,
    recoveryIntervalMs: 10_000,
    bodyLimitBytes: 256 * 1024,
    defaultModel: 'gpt-test',
    retentionDays: 30,
    headersTimeoutMs: 10_000,
    conversationLeaseMs: 30_000,
    metricsToken: undefined,
    instanceId: 'relay_test',
    disableAfter: { ms: 5 * 24 * 60 * 60 * 1000, failures: 100 },
    subscriptionExpiryMs: 30 * 24 * 60 * 60 * 1000,
    recoverRatePerSecond: 10,
    probeIntervalMs: 300_000,
    healthFlushMs: 200,
    ...overrides,
  };
}
