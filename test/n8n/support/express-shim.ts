import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';

// n8n serves webhooks with express and hands the nodes express's request and response. The tests
// serve them with node:http: these add the few express members the webhook code path reads
// (rawBody, body, query, params; status/json/send), and are cast to express's types once, here.

export function expressRequest(request: IncomingMessage, rawBody: Buffer, url: URL): Request {
  let body: unknown = {};
  try {
    body = rawBody.length === 0 ? {} : JSON.parse(rawBody.toString('utf8'));
  } catch {
    body = {};
  }
  const query = Object.fromEntries(url.searchParams);
  return Object.assign(request, { rawBody, body, query, params: {} }) as unknown as Request;
}

export function expressResponse(response: ServerResponse): Response {
  const shim = {
    status(code: number) {
      response.statusCode = code;
      return shim;
    },
    json(body: unknown) {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(body));
      return shim;
    },
    send(body: unknown) {
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
      return shim;
    },
    get headersSent() {
      return response.headersSent;
    },
  };
  return shim as unknown as Response;
}

/** Answers as n8n does after a webhook ran: its `webhookResponse`, or n8n's default text. */
export function answerWebhook(response: ServerResponse, webhookResponse: unknown): void {
  if (response.writableEnded) return;
  response.statusCode = 200;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(webhookResponse ?? { message: 'Webhook call received' }));
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
