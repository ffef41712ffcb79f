/** Stable reasons a delivery fails verification; receivers may branch on them and log them. */
export type WebhookVerificationErrorCode =
  'missing_headers' | 'invalid_signature' | 'invalid_timestamp' | 'timestamp_out_of_tolerance';

export class WebhookVerificationError extends Error {
  readonly code: WebhookVerificationErrorCode;

  constructor(code: WebhookVerificationErrorCode, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.code = code;
  }
}
