import OpenAI from 'openai';
import { ReplyFailedError, type Responder } from './responder.js';

export interface OpenAiResponderOptions {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** The SDK retries 408/409/429/5xx and timeouts with backoff, honouring retry-after. */
  maxRetries?: number;
  /** Each try's limit (RELAY_AI_TIMEOUT_MS); the SDK's tries together can take a few times it. */
  timeoutMs: number;
}

/** What is read of a completion: an OpenAI-compatible provider (baseUrl) may leave parts out. */
interface CompletionReply {
  choices?: { message?: { content?: unknown } }[];
}

export function createOpenAiResponder(options: OpenAiResponderOptions): Responder {
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'not-needed',
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    maxRetries: options.maxRetries ?? 3,
    timeout: options.timeoutMs,
  });
  return {
    name: 'openai',
    async reply({ model, systemPrompt, temperature, history }) {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create({
          model,
          temperature,
          messages: [
            ...(systemPrompt ? [{ role: 'system' as const, content: systemPrompt }] : []),
            ...history,
          ],
        });
      } catch (error) {
        throw new ReplyFailedError('provider_error', describe(error));
      }
      const answer: CompletionReply = completion;
      const content = answer.choices?.[0]?.message?.content;
      if (typeof content !== 'string' || content.length === 0) {
        throw new ReplyFailedError('empty_reply', 'The AI provider returned no reply text');
      }
      return content;
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof OpenAI.APIError) {
    return `AI provider error${error.status ? ` ${String(error.status)}` : ''}: ${error.message}`;
  }
  // The provider answered, but not with JSON: calling it "unreachable" would send people
  // hunting for a network problem. By name, as fetch may raise it from another realm.
  if ((error as { name?: unknown } | null)?.name === 'SyntaxError') {
    return `AI provider sent an unreadable answer: ${(error as Error).message}`;
  }
  return `AI provider unreachable: ${error instanceof Error ? error.message : String(error)}`;
}
