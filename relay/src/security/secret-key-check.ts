import type { SecretBox } from './secret-box.js';

/**
 * Whether the configured secret key opens the secrets already stored. A changed or lost
 * RELAY_SECRET_KEY (or instances with different keys) would otherwise fail every delivery.
 */
export async function secretKeyOpensStoredSecrets(
  anySealed: () => Promise<string | undefined>,
  secrets: SecretBox,
): Promise<boolean> {
  const sealed = await anySealed();
  if (sealed === undefined) return true;
  try {
    secrets.open(sealed);
    return true;
  } catch {
    return false;
  }
}

export const SECRET_KEY_MISMATCH =
  'RELAY_SECRET_KEY does not open the webhook secrets in the store: they were sealed with another key.\n' +
  '  Start with the key they were sealed with (every relay instance on one store must share it;\n' +
  '  without RELAY_SECRET_KEY the embedded default keeps it in RELAY_DATA_DIR/secret.key).';
