import Koa from 'koa';
import Router from '@koa/router';
import { buildOpenApi } from '../http/openapi.js';
import { createAuthenticator } from '../http/auth.js';
import { errorMiddleware } from '../http/error-middleware.js';
import { HttpError } from '../errors.js';
import { readInput, type RouteSpec } from '../http/route.js';
import type { RelayState } from '../http/state.js';
import { chatbotRoutes } from '../routes/chatbots.js';
import { connectionTestRoutes } from '../routes/connection-test.js';
import { connectionRoutes } from '../routes/connections.js';
import { conversationRoutes } from '../routes/conversations.js';
import { messageRoutes } from '../routes/messages.js';
import { deliveryRoutes } from '../routes/deliveries.js';
import { eventPayloads } from '../routes/event-payloads.js';
import { incomingRoutes } from '../routes/incoming.js';
import { meRoutes } from '../routes/me.js';
import { recoverRoutes } from '../routes/recover.js';
import { operationRoutes } from '../routes/operations.js';
import { subscriptionRoutes } from '../routes/subscriptions.js';
import { webPage } from '../web/serve-web.js';
import type { RelayServices } from '../routes/services.js';

export function allRoutes(services: RelayServices): RouteSpec[] {
  return [
    ...operationRoutes(services),
    ...meRoutes(services),
    ...chatbotRoutes(services),
    ...connectionRoutes(services),
    ...connectionTestRoutes(services),
    ...conversationRoutes(services),
    ...messageRoutes(services),
    ...deliveryRoutes(services),
    ...recoverRoutes(services),
    ...subscriptionRoutes(services),
    ...incomingRoutes(services),
  ];
}

/** The Koa app: thin routes over the services, each validated by its own schemas. */
export function createApp(services: RelayServices): Koa<RelayState> {
  const { deps } = services;
  const app = new Koa<RelayState>({ proxy: false });
  const router = new Router<RelayState>();
  const authenticate = createAuthenticator(deps);
  const routes = allRoutes(services);

  for (const spec of routes) {
    router[spec.method](spec.path, async (ctx) => {
      const principal = spec.auth === false ? undefined : await authenticate(ctx);
      if (principal) ctx.state.principal = principal;
      const input = await readInput(spec, ctx, deps.settings.bodyLimitBytes);
      const result = await spec.handler({
        ctx,
        principal: principal ?? { workspaceId: '', apiKeyId: '' },
        ...(input as { params: never; query: never; body: never }),
      });
      ctx.status = result.status;
      if (result.headers) ctx.set(result.headers);
      if (result.body !== undefined) ctx.body = result.body;
    });
  }
  // Built on first request (the public URL is known once the server listens), then kept.
  let openApi: unknown;
  router.get('/openapi.json', (ctx) => {
    openApi ??= buildOpenApi(routes, services.publicUrl(), eventPayloads);
    ctx.body = openApi;
  });

  app.use(async (ctx, next) => {
    const requestId = ctx.get('x-request-id').slice(0, 100) || deps.ids.next('req');
    ctx.state.requestId = requestId;
    ctx.state.log = deps.logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    ctx.set('X-Content-Type-Options', 'nosniff');
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      deps.metrics.requests.inc({ method: ctx.method, route, status: String(ctx.status) });
      ctx.state.log.info(
        {
          method: ctx.method,
          route,
          status: ctx.status,
          durationMs: Math.round(performance.now() - started),
        },
        'request',
      );
    }
  });
  app.use(errorMiddleware());
  app.use(webPage());
  app.use(async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      const match = router.match(ctx.path, ctx.method);
      if (match.path.length > 0 && !match.route) {
        // RFC 9110: a 405 must say which methods the resource does allow.
        ctx.set('Allow', [...new Set(match.path.flatMap((layer) => layer.methods))].join(', '));
        throw new HttpError('method_not_allowed', `${ctx.method} is not allowed here`);
      }
    }
  });
  app.use(router.routes());
  return app;
}
