import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The key that encrypts webhook secrets at rest. Without RELAY_SECRET_KEY, one is
 * generated once and kept in the data directory (readable by the owner only).
 */
export function loadOrCreateSecretKey(configured: string | undefined, dataDir: string): string {
  return (
    configured ??
    loadOrCreate(join(dataDir, 'secret.key'), () => randomBytes(32).toString('base64url'))
  );
}

/** This installation's name in work leases; stable across restarts of the same data dir. */
export function loadOrCreateInstanceId(dataDir: string, create: () => string): string {
  return loadOrCreate(join(dataDir, 'instance-id'), create);
}

function loadOrCreate(file: string, create: () => string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const value = create();
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
    return value;
  }
}
