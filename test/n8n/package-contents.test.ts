import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// What `npm publish` of the n8n package would upload, read from `npm pack --dry-run --json`
// after a fresh `n8n-node build`: only what n8n loads from an installed community package.

const ROOT = join(__dirname, '..', '..');
const npm = (...args: string[]) =>
  execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface PackedPackage {
  files: { path: string }[];
}

interface N8nManifest {
  n8n: { nodes: string[]; credentials: string[] };
}

function packedFiles(): string[] {
  const packs: unknown = JSON.parse(npm('pack', '--dry-run', '--json', '-w', 'n8n-nodes'));
  const [pack] = packs as PackedPackage[];
  return (pack?.files ?? []).map((file) => file.path).sort();
}

const SHIPPABLE = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE(\.md)?$/,
  /^dist\/.+\.js$/,
  /^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/,
  /^dist\/icons\/[^/]+\.svg$/,
];

let files: string[];

beforeAll(() => {
  npm('run', 'build', '-w', 'n8n-nodes');
  files = packedFiles();
}, 120_000);

describe('the published n8n package', () => {
  it('ships only compiled JavaScript, node descriptions, icons, package.json and the README', () => {
    expect(files.filter((file) => !SHIPPABLE.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it('carries no build leftovers: declarations, source maps, tsbuildinfo or sources', () => {
    expect(files.filter((file) => /\.d\.ts$|\.map$|tsbuildinfo|\.ts$/.test(file))).toEqual([]);
  });

  it('carries every node and credential n8n is told to load, with their codex files and icons', () => {
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'n8n-nodes', 'package.json'), 'utf8'),
    ) as N8nManifest;
    const entryPoints = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
    const codexFiles = manifest.n8n.nodes.map((node) => node.replace(/\.js$/, '.json'));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        ...entryPoints,
        ...codexFiles,
        'dist/icons/fourthchat.svg',
        'dist/icons/fourthchat.dark.svg',
      ]),
    );
  });
});
