// Disk faults under the relay's embedded store, injected from outside the store: the library in
// store-faults/faults.c, preloaded into the relay (and so into the store it starts), fails the
// store file's syncs and writes while trigger files exist. Built here with the system C compiler.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const source = join(process.cwd(), 'test', 'support', 'store-faults', 'faults.c');
const buildDir = join(process.cwd(), '.cache', 'store-faults');

export type StoreFault = 'fsync-fails-once' | 'write-fails-once' | 'disk-full';

export interface StoreFaults {
  /** The environment that puts a relay's store under these faults. */
  env: Record<string, string>;
  set(fault: StoreFault): void;
  clear(fault: StoreFault): void;
  /** Whether a one-time fault is still waiting to fire. */
  pending(fault: StoreFault): boolean;
  remove(): void;
}

/** Compiles the library once per source version; answers its path. */
function library(): string {
  const text = readFileSync(source);
  const built = join(
    buildDir,
    `faults-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.so`,
  );
  if (existsSync(built)) return built;
  mkdirSync(buildDir, { recursive: true });
  const result = spawnSync('cc', ['-shared', '-fPIC', '-O2', '-o', built, source, '-ldl'], {
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new Error(
      `cannot build the store fault library with cc (install gcc): ${result.error?.message ?? result.stderr}`,
    );
  }
  return built;
}

export function storeFaults(): StoreFaults {
  const dir = mkdtempSync(join(tmpdir(), 'fourthchat-store-faults-'));
  const trigger = (fault: StoreFault) => join(dir, fault);
  return {
    env: { LD_PRELOAD: library(), STORE_FAULTS_DIR: dir },
    set: (fault) => writeFileSync(trigger(fault), ''),
    clear: (fault) => rmSync(trigger(fault), { force: true }),
    pending: (fault) => existsSync(trigger(fault)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
