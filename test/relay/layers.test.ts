// Imports point down: each part of relay/src may import from its own layer and the layers
// below it, never from one above (docs/ARCHITECTURE.md, "Layers").
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@jest/globals';

const SRC = fileURLToPath(new URL('../../relay/src/', import.meta.url));

/** Top first. A name is a folder of relay/src or a file at its root. */
const LAYERS: readonly (readonly string[])[] = [
  ['main.ts'],
  ['app'],
  ['routes', 'web'],
  ['http'],
  ['presenters'],
  ['subscriptions'],
  ['health'],
  ['conversations'],
  ['deliveries'],
  ['events'],
  ['targets'],
  ['jobs'],
  ['workspaces'],
  ['deps.ts'],
  ['ai', 'ids', 'security', 'observability', 'store', 'transport', 'config'],
  ['model'],
  ['errors.ts'],
];

function layerOf(file: string): number {
  const part = relative(SRC, file).split(sep)[0] ?? '';
  const layer = LAYERS.findIndex((names) => names.includes(part));
  if (layer < 0) throw new Error(`${relative(SRC, file)} is in no layer: add it to LAYERS`);
  return layer;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

test('no file of relay/src imports from a layer above its own', () => {
  const upward: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), (spec as string).replace(/\.js$/, '.ts'));
      if (layerOf(target) < layerOf(file)) {
        upward.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
      }
    }
  }
  expect(upward).toEqual([]);
});

test('every part of relay/src has a layer', () => {
  expect(() => sourceFiles(SRC).forEach(layerOf)).not.toThrow();
});
