import { randomBytes } from 'node:crypto';

const SECRET_BYTES = 24;

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function generateSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
}
