import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  findDrift,
  GENERATED_HEADER,
  TARGET_DIRS,
  writeCopies,
} from '../../scripts/shared-copies.mjs';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('generated copies of shared/src', () => {
  it('match shared/src in the n8n and Zapier packages (run `npm run gen:shared` when this fails)', async () => {
    expect(await findDrift(REPO_ROOT)).toEqual([]);
  });
});

describe('drift detection', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'shared-copies-'));
    await mkdir(join(root, 'shared/src/signing'), { recursive: true });
    await writeFile(join(root, 'shared/src/index.ts'), "export * from './signing/sign.js';\n");
    await writeFile(join(root, 'shared/src/signing/sign.ts'), 'export const a = 1;\n');
    await writeFile(join(root, 'shared/src/README.md'), 'not code\n');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes every .ts file with the generated header, and nothing else', async () => {
    expect(await writeCopies(root)).toBe(2);

    for (const target of TARGET_DIRS) {
      expect(await readFile(join(root, target, 'signing/sign.ts'), 'utf8')).toBe(
        `${GENERATED_HEADER}export const a = 1;\n`,
      );
      await expect(readFile(join(root, target, 'README.md'))).rejects.toThrow();
    }
    expect(await findDrift(root)).toEqual([]);
  });

  it('reports missing, edited and stale files', async () => {
    await writeCopies(root);
    const [n8n, zapier] = TARGET_DIRS;
    await rm(join(root, `${n8n}/index.ts`));
    await writeFile(join(root, `${zapier}/signing/sign.ts`), 'export const a = 2;\n');
    await writeFile(join(root, `${zapier}/old.ts`), 'export {};\n');

    expect(await findDrift(root)).toEqual([
      `${n8n}/index.ts: missing`,
      `${zapier}/signing/sign.ts: differs from shared/src/signing/sign.ts`,
      `${zapier}/old.ts: stale (no such file in shared/src)`,
    ]);
  });

  it('reports a source change until the copies are regenerated, and removes stale files then', async () => {
    await writeCopies(root);
    await writeFile(join(root, 'shared/src/signing/sign.ts'), 'export const a = 3;\n');
    await writeFile(join(root, `${TARGET_DIRS[0]}/old.ts`), 'export {};\n');

    expect(await findDrift(root)).toHaveLength(3);
    await writeCopies(root);
    expect(await findDrift(root)).toEqual([]);
  });
});
