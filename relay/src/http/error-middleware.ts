import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import { HttpError } from '../errors.js';
import { StoreUnavailable } from '../store/errors.js';
import type { RelayState } from './state.js';

const STORE_RETRY_AFTER_SECONDS = 5;
const CLIENT_CLOSED_REQUEST = 499;

/** The body stream failed because the client went away (not because the relay refused it). */
function clientAborted(request: IncomingMessage, error: unknown): boolean {
  if (error instanceof HttpError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  return request.destroyed && code === 'ECONNRESET';
}

/** Every failure becomes `{error:{code,message}}`; unknown errors are a 500 that leaks nothing. */
export function errorMiddleware(): Middleware<RelayState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new HttpError('not_found', `No route for ${ctx.method} ${ctx.path}`);
      }
    } catch (caught) {
      if (clientAborted(ctx.req, caught)) {
        // Nginx's 499: nobody is left to answer, and it is not the relay's failure.
        ctx.status = CLIENT_CLOSED_REQUEST;
        ctx.state.log.info('the client closed the request before its answer');
        return;
      }
      let error: HttpError;
      if (caught instanceof HttpError) {
        error = caught;
      } else if (caught instanceof StoreUnavailable) {
        error = new HttpError('store_unavailable', 'The store is unreachable; try again shortly', {
          retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
        });
      } else {
        ctx.state.log.error({ err: caught }, 'unhandled error');
        error = new HttpError('internal', 'Internal error');
      }
      ctx.status = error.status;
      if (error.options.retryAfterSeconds !== undefined) {
        ctx.set('Retry-After', String(error.options.retryAfterSeconds));
      }
      ctx.body = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.options.field === undefined ? {} : { field: error.options.field }),
        },
      };
    }
  };
}
