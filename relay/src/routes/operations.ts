import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { RelayServices } from './services.js';
import { HttpError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';

/** Public routes for operators: liveness, readiness, metrics. */
export function operationRoutes({ deps, worker }: RelayServices): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: the process answers',
      tag: 'Operations',
      auth: false,
      responses: { 200: z.object({ status: z.literal('ok') }) },
      handler() {
        return Promise.resolve({ status: 200, body: { status: 'ok' } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: the store answers',
      tag: 'Operations',
      auth: false,
      responses: { 200: z.object({ status: z.literal('ready') }) },
      async handler() {
        try {
          await deps.store.ping();
        } catch {
          throw new HttpError('store_unavailable', 'The store is unreachable', {
            retryAfterSeconds: 5,
          });
        }
        return { status: 200, body: { status: 'ready' } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics',
      tag: 'Operations',
      auth: false,
      responses: { 200: undefined },
      async handler({ ctx }) {
        const token = deps.settings.metricsToken;
        if (token !== undefined && !bearerMatches(ctx.get('authorization'), token)) {
          throw new HttpError(
            'unauthorized',
            'Send the metrics token as "Authorization: Bearer <token>"',
          );
        }
        // In-process figures only: a scrape never scans the store.
        deps.metrics.queueDepth.set({ queue: 'replies' }, worker.queued());
        return {
          status: 200,
          body: await deps.metrics.registry.metrics(),
          headers: { 'content-type': deps.metrics.registry.contentType },
        };
      },
    }),
  ];
}

/** Compared as digests, so neither the length nor the content leaks through timing. */
function bearerMatches(header: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(header), digest(`Bearer ${token}`));
}
