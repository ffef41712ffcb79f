// The real OpenAI responder against a nock'ed OpenAI API, for in-process relays. nock's
// interceptor is process-wide while jest loads a fresh nock into every test file, so a file
// that uses it removes it again when done.
import { afterAll, beforeAll } from '@jest/globals';
import nock from 'nock';
import { createOpenAiResponder } from '../../relay/src/ai/openai-responder.js';
import type { Responder } from '../../relay/src/ai/responder.js';

export const OPENAI_ORIGIN = 'https://api.openai.test';
export const COMPLETIONS_PATH = '/v1/chat/completions';

/** The body the SDK posts to the chat completions endpoint. */
export interface ChatRequest {
  model: string;
  temperature: number;
  messages: { role: string; content: string }[];
}

/** A chat completion whose reply is `content`. */
export function completion(content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-test',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  };
}

/** Call at the top of a test file: only loopback traffic stays real while it runs. */
export function useNockedNetwork(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });
}

/** The relay's real OpenAI responder, pointed at the nock'ed API. */
export function nockedOpenAiResponder(options: {
  maxRetries: number;
  timeoutMs: number;
}): Responder {
  return createOpenAiResponder({ apiKey: 'sk-test', baseUrl: `${OPENAI_ORIGIN}/v1`, ...options });
}
