import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const started = globalThis.__FERRETDB__;
  if (!started) return;
  await started.handle.stop();
  rmSync(started.dataDir, { recursive: true, force: true });
}
