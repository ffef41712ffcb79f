export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ReplyRequest {
  model: string;
  systemPrompt: string;
  temperature: number;
  /** Oldest first, ending with the message to answer. */
  history: ChatTurn[];
}

/** Generates one assistant reply; throws ReplyFailedError when it finally cannot. */
export interface Responder {
  readonly name: string;
  reply(request: ReplyRequest): Promise<string>;
}

export class ReplyFailedError extends Error {
  constructor(
    readonly code: 'provider_error' | 'empty_reply',
    message: string,
  ) {
    super(message);
  }
}
