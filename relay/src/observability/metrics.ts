import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  replies: Counter<'outcome'>;
  deliveries: Counter<'outcome'>;
  attemptSeconds: Histogram<'outcome'>;
  queueDepth: Gauge<'queue'>;
  targetAttempts: Counter<'connection' | 'outcome'>;
  targetsPaused: Gauge<'connection'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'relay_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    replies: new Counter({
      name: 'relay_ai_replies_total',
      help: 'AI replies by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'relay_delivery_attempts_total',
      help: 'Delivery attempts by outcome (delivered, retrying, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    attemptSeconds: new Histogram({
      name: 'relay_delivery_attempt_seconds',
      help: 'Delivery attempt latency',
      labelNames: ['outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'relay_queue_depth',
      help: 'Work waiting: pending replies and deliveries awaiting a retry',
      labelNames: ['queue'],
      registers: [registry],
    }),
    // By connection, never by URL: the label set is bounded by the connections that exist.
    targetAttempts: new Counter({
      name: 'relay_target_attempts_total',
      help: 'Delivery attempts made by this process, by connection and outcome (success, failure)',
      labelNames: ['connection', 'outcome'],
      registers: [registry],
    }),
    targetsPaused: new Gauge({
      name: 'relay_targets_paused',
      help: "Paused delivery targets of a connection, as this process last saw the connection's targets",
      labelNames: ['connection'],
      registers: [registry],
    }),
  };
}
