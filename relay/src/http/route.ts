import type { Context } from 'koa';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { readJsonBody } from './json-body.js';
import type { Principal, RelayState } from './state.js';

export type Method = 'get' | 'post' | 'patch' | 'delete';
type Schema = z.ZodType;

/** One route: its schemas validate requests and describe it in /openapi.json. */
export interface RouteSpec<
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /** Public routes skip the API key check. */
  auth?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Status → response schema (undefined: no body). */
  responses: Record<number, Schema | undefined>;
  handler: (input: RouteInput<P, Q, B>) => Promise<RouteResult>;
}

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema> {
  ctx: Context & { state: RelayState };
  principal: Principal;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function defineRoute<P extends Schema, Q extends Schema, B extends Schema>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec {
  return spec;
}

/** Validates one part of a request, naming the first bad field in the 400. */
export function parseWith<S extends Schema>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // An unknown field sits on its parent object's path; name the field itself.
  const path =
    issue?.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue?.path;
  const field = path && path.length > 0 ? path.join('.') : undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : `Invalid ${where}`;
  throw new HttpError('validation_failed', message, field === undefined ? {} : { field });
}

export async function readInput(
  spec: RouteSpec,
  ctx: Context & { state: RelayState; params?: Record<string, string> },
  bodyLimitBytes: number,
): Promise<{ params: unknown; query: unknown; body: unknown }> {
  const params = spec.params ? parseWith(spec.params, ctx.params ?? {}, 'path') : {};
  const query = spec.query ? parseWith(spec.query, { ...ctx.query }, 'query') : {};
  const body = spec.body
    ? parseWith(spec.body, await readJsonBody(ctx, bodyLimitBytes), 'body')
    : undefined;
  return { params, query, body };
}
