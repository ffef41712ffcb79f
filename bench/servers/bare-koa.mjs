// Limit (a): the least an ingress can do on Koa, reading and parsing the JSON body
// and answering 202. Run as a child process, like the relay.
import { createServer } from 'node:http';
import Koa from 'koa';
import { listenOnLoopback } from './listen.mjs';

const app = new Koa();
app.use(async (ctx) => {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  ctx.status = 202;
  ctx.body = { status: 'accepted', connectionId: body.connectionId };
});

listenOnLoopback(createServer(app.callback()));
