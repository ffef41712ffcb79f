import type { Context } from 'koa';
import { HttpError } from '../errors.js';

/**
 * Reads the body as JSON with a size limit. Streams are cut off at the limit,
 * so an endless body costs at most `limitBytes` of memory.
 */
export async function readJsonBody(ctx: Context, limitBytes: number): Promise<unknown> {
  if (!ctx.is('application/json', '+json')) {
    throw new HttpError('unsupported_media_type', 'Send the body as application/json');
  }
  const declared = Number(ctx.get('content-length'));
  if (declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError('invalid_json', 'The body is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('invalid_json', 'The body is not valid JSON');
  }
}

function tooLarge(limitBytes: number): HttpError {
  return new HttpError(
    'payload_too_large',
    `The body is over the ${String(limitBytes)}-byte limit`,
  );
}
