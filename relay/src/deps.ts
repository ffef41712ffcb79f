import type { Logger } from 'pino';
import type { IdGenerator } from './ids/generated-ids.js';
import type { Resolver } from './security/url-guard.js';
import type { SecretBox } from './security/secret-box.js';
import type { Store } from './store/store.js';
import type { PauseRule } from './model/target-health.js';
import type { HttpSender } from './transport/http-sender.js';
import type { Responder } from './ai/responder.js';
import type { Metrics } from './observability/metrics.js';

export interface Clock {
  now(): Date;
}

export interface RelaySettings {
  publicUrl: string | undefined;
  retryScheduleMs: readonly number[];
  deliveryTimeoutMs: number;
  syncTimeoutMs: number;
  allowPrivateUrls: boolean;
  rateLimitPerMinute: number;
  rotationOverlapMs: number;
  recoveryIntervalMs: number;
  bodyLimitBytes: number;
  defaultModel: string;
  /** Settled messages and finished deliveries older than this many days are removed. */
  retentionDays: number;
  /** A client must send its request headers within this (the whole request: 3 times it). */
  headersTimeoutMs: number;
  /**
   * How long a conversation stays with the process answering it without a sign of life; the
   * lease is renewed while the AI answers, so a dead owner blocks its conversations this long.
   */
  conversationLeaseMs: number;
  /** When set, /metrics wants `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
  /** This process's name in leases, so a crashed owner's claims can expire. */
  instanceId: string;
  /** A target is paused once it reaches either limit (RELAY_DISABLE_AFTER). */
  disableAfter: PauseRule;
  /** A subscription paused this long is removed (RELAY_SUBSCRIPTION_EXPIRY). */
  subscriptionExpiryMs: number;
  /** Deliveries a bulk recover sends per second at most (RELAY_RECOVER_RATE). */
  recoverRatePerSecond: number;
  /** How often a subscription paused by failures is sent a held delivery (RELAY_PROBE_INTERVAL). */
  probeIntervalMs: number;
  /** How often attempt figures are written to the store (one bulk write per round). */
  healthFlushMs: number;
}

/** Everything with a side effect, passed in so tests need no monkey-patching. */
export interface RelayDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  secrets: SecretBox;
  send: HttpSender;
  resolve: Resolver;
  responder: Responder;
  logger: Logger;
  metrics: Metrics;
  settings: RelaySettings;
}
