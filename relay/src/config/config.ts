import { parseRetrySchedule } from '@fourthchat/shared';
import { z } from 'zod';

export type Environment = Readonly<Record<string, string | undefined>>;

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const positiveInt = z.coerce.number().int().positive();
const retrySchedule = z.string().transform((text, ctx) => {
  try {
    return parseRetrySchedule(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const DURATION = /^(\d+)(ms|s|m|h|d)$/;

function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  const ms = match ? Number(match[1]) * (DURATION_UNIT_MS[match[2] ?? ''] ?? NaN) : NaN;
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}

/** When a failing target is paused: after a span, a count of failed deliveries, or both. */
export interface DisableAfter {
  ms: number | null;
  failures: number | null;
}

const duration = z.string().transform((text, ctx) => {
  const ms = durationMs(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration such as 30d, 12h, 90m or 500ms' });
    return z.NEVER;
  }
  return ms;
});

/** `5d,100`, `100` or `2h`: a duration, a bare count of failed deliveries, or one of each. */
const disableAfter = z.string().transform((text, ctx): DisableAfter => {
  const rule: DisableAfter = { ms: null, failures: null };
  for (const part of text.split(',').map((item) => item.trim())) {
    const count = /^\d+$/.test(part) ? Number(part) : undefined;
    const ms = count === undefined ? durationMs(part) : undefined;
    if (count !== undefined && count > 0 && Number.isSafeInteger(count) && rule.failures === null)
      rule.failures = count;
    else if (ms !== undefined && rule.ms === null) rule.ms = ms;
    else {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(part)}: expected a duration (ms, s, m, h, d) and/or a count of failed deliveries, at most one of each, e.g. "5d,100"`,
      });
      return z.NEVER;
    }
  }
  return rule;
});

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  RELAY_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  MONGODB_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  RELAY_DATA_DIR: z.string().min(1).default('./.data'),
  RELAY_BOOTSTRAP_API_KEY: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(16, 'each key needs at least 16 characters')))
    .optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AI_PROVIDER: z.enum(['openai', 'echo']).optional(),
  RELAY_AI_TIMEOUT_MS: positiveInt.max(3_600_000, 'at most 3600000 (an hour)').default(60_000),
  RELAY_RETRY_SCHEDULE: retrySchedule.default([30_000, 120_000, 600_000]),
  RELAY_DELIVERY_TIMEOUT_MS: positiveInt.default(10_000),
  RELAY_SYNC_TIMEOUT_MS: positiveInt.default(25_000),
  RELAY_ALLOW_PRIVATE_URLS: boolean.default(false),
  RELAY_SECRET_KEY: z.string().min(16, 'needs at least 16 characters').optional(),
  RELAY_RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
  RELAY_ROTATION_OVERLAP_MS: positiveInt.default(24 * 60 * 60 * 1000),
  RELAY_RECOVERY_INTERVAL_MS: positiveInt.default(10_000),
  RELAY_RETENTION_DAYS: positiveInt.default(30),
  RELAY_METRICS_TOKEN: z.string().min(16, 'needs at least 16 characters').optional(),
  RELAY_DISABLE_AFTER: disableAfter.default({ ms: 5 * 86_400_000, failures: 100 }),
  RELAY_SUBSCRIPTION_EXPIRY: duration.default(30 * 86_400_000),
  RELAY_RECOVER_RATE: z.coerce.number().positive().max(1_000).default(10),
  RELAY_PROBE_INTERVAL: duration.default(5 * 60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface RelayConfig {
  port: number;
  host: string;
  publicUrl: string | undefined;
  mongodbUrl: string | undefined;
  dataDir: string;
  bootstrapApiKeys: string[];
  ai:
    | {
        provider: 'openai';
        apiKey: string | undefined;
        baseUrl: string | undefined;
        model: string;
        /** One AI call (each of the SDK's tries) may take this long (RELAY_AI_TIMEOUT_MS). */
        timeoutMs: number;
      }
    | { provider: 'echo'; model: string; chosenByDefault: boolean };
  retryScheduleMs: number[];
  deliveryTimeoutMs: number;
  syncTimeoutMs: number;
  allowPrivateUrls: boolean;
  secretKey: string | undefined;
  rateLimitPerMinute: number;
  rotationOverlapMs: number;
  recoveryIntervalMs: number;
  retentionDays: number;
  metricsToken: string | undefined;
  disableAfter: DisableAfter;
  subscriptionExpiryMs: number;
  recoverRatePerSecond: number;
  probeIntervalMs: number;
  logLevel: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; a bad value names its variable. */
export function loadConfig(env: Environment): RelayConfig {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.AI_PROVIDER === 'openai' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError('Invalid configuration:\n  AI_PROVIDER=openai needs OPENAI_API_KEY');
  }
  const provider = e.AI_PROVIDER ?? (e.OPENAI_API_KEY ? 'openai' : 'echo');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.RELAY_PUBLIC_URL?.replace(/\/+$/, ''),
    mongodbUrl: e.MONGODB_URL,
    dataDir: e.RELAY_DATA_DIR,
    bootstrapApiKeys: e.RELAY_BOOTSTRAP_API_KEY ?? [],
    ai:
      provider === 'openai'
        ? {
            provider,
            apiKey: e.OPENAI_API_KEY,
            baseUrl: e.OPENAI_BASE_URL,
            model: e.OPENAI_MODEL,
            timeoutMs: e.RELAY_AI_TIMEOUT_MS,
          }
        : { provider, model: e.OPENAI_MODEL, chosenByDefault: e.AI_PROVIDER === undefined },
    retryScheduleMs: e.RELAY_RETRY_SCHEDULE,
    deliveryTimeoutMs: e.RELAY_DELIVERY_TIMEOUT_MS,
    syncTimeoutMs: e.RELAY_SYNC_TIMEOUT_MS,
    allowPrivateUrls: e.RELAY_ALLOW_PRIVATE_URLS,
    secretKey: e.RELAY_SECRET_KEY,
    rateLimitPerMinute: e.RELAY_RATE_LIMIT_PER_MINUTE,
    rotationOverlapMs: e.RELAY_ROTATION_OVERLAP_MS,
    recoveryIntervalMs: e.RELAY_RECOVERY_INTERVAL_MS,
    retentionDays: e.RELAY_RETENTION_DAYS,
    metricsToken: e.RELAY_METRICS_TOKEN,
    disableAfter: e.RELAY_DISABLE_AFTER,
    subscriptionExpiryMs: e.RELAY_SUBSCRIPTION_EXPIRY,
    recoverRatePerSecond: e.RELAY_RECOVER_RATE,
    probeIntervalMs: e.RELAY_PROBE_INTERVAL,
    logLevel: e.LOG_LEVEL,
  };
}
