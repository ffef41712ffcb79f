// An OpenAI-compatible chat completions endpoint that answers at once, so the
// benchmark measures the relay and not the AI. Run as a child process.
import { createServer } from 'node:http';
import { listenOnLoopback } from './listen.mjs';

const REPLY = 'Thanks for your message! A member of our team will follow up shortly.';
let served = 0;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const { model } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    served += 1;
    const completion = {
      id: `chatcmpl-bench-${served}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: REPLY, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 14, total_tokens: 34 },
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion));
  });
});

listenOnLoopback(server);
