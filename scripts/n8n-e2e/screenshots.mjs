// `node scripts/n8n-e2e/screenshots.mjs`: the README's screenshots of the nodes' options, taken
// from the real n8n editor (the n8n of the end-to-end run, ensure-n8n.mjs) in headless Chromium
// (scripts/browser/ensure.mjs). Builds the package, installs it into a throw-away n8n user folder,
// imports one workflow per screenshot, signs in as a fresh owner and saves PNGs to n8n-nodes/docs/.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureBrowser } from '../browser/ensure.mjs';
import { ensureN8n } from './ensure-n8n.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const docs = join(root, 'n8n-nodes', 'docs');
const OWNER = { email: 'owner@fourthchat.example', password: 'FourthChat-docs-1' };
const CREDENTIAL = { id: 'fourthchatDocs01', name: 'FourthChat' };
const credentials = { fourthChatApi: CREDENTIAL };
const byId = { __rl: true, mode: 'id', value: 'conn_0mxd4support' };

/** One workflow per screenshot: the node with the options the README shows. */
const SHOTS = [
  {
    file: 'trigger-options.png',
    node: {
      id: 'trigger',
      name: 'FourthChat Trigger',
      type: 'n8n-nodes-fourthchat.fourthChatTrigger',
      typeVersion: 2,
      position: [0, 0],
      webhookId: '0b7c4e1a-2d3f-4a5b-8c6d-9e0f1a2b3c4d',
      parameters: {
        connectionId: byId,
        events: ['ai.response', 'message.failed'],
        filters: { userId: 'customer-42', metadata: { entries: [{ key: 'plan', value: 'pro' }] } },
        options: { includeTestEvents: false, whileUnpublished: 'hold' },
      },
      credentials,
    },
  },
  {
    file: 'send-wait-options.png',
    node: {
      id: 'send',
      name: 'Send Message',
      type: 'n8n-nodes-fourthchat.fourthChat',
      typeVersion: 1,
      position: [0, 0],
      parameters: {
        resource: 'message',
        operation: 'send',
        connectionId: byId,
        message: '={{ $json.question }}',
        userId: '={{ $json.customerId }}',
        waitForReply: true,
        timeoutSeconds: 10,
        timeoutUnit: 'minutes',
        onTimeout: 'error',
      },
      credentials,
    },
  },
];

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

async function freePort() {
  return await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(check, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const { node24, n8nBin } = ensureN8n();
run('npm', ['run', 'build', '-w', 'n8n-nodes'], { cwd: root, stdio: 'ignore' });
const folder = mkdtempSync(join(tmpdir(), 'fourthchat-n8n-docs-'));
const target = join(folder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-fourthchat');
mkdirSync(target, { recursive: true });
cpSync(join(root, 'n8n-nodes', 'package.json'), join(target, 'package.json'));
cpSync(join(root, 'n8n-nodes', 'dist'), join(target, 'dist'), { recursive: true });
const port = await freePort();
const env = {
  PATH: process.env.PATH,
  HOME: folder,
  N8N_USER_FOLDER: folder,
  N8N_ENCRYPTION_KEY: 'fourthchat-n8n-docs-only',
  N8N_PORT: String(port),
  N8N_LISTEN_ADDRESS: '127.0.0.1',
  N8N_RUNNERS_BROKER_PORT: String(await freePort()),
  N8N_DIAGNOSTICS_ENABLED: 'false',
  N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
  N8N_TEMPLATES_ENABLED: 'false',
  N8N_DYNAMIC_BANNERS_ENABLED: 'false',
  N8N_PERSONALIZATION_ENABLED: 'false',
  N8N_DISABLED_MODULES: 'mcp-registry',
};
const cli = (...args) => run(node24, [n8nBin, ...args], { env, stdio: 'ignore' });
const file = (name, content) => {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
cli(
  'import:credentials',
  `--input=${file('credentials.json', [{ ...CREDENTIAL, type: 'fourthChatApi', data: { baseUrl: 'https://relay.example.com', apiKey: 'fck_docs' } }])}`,
);
for (const [index, shot] of SHOTS.entries()) {
  const workflow = {
    id: `fcDocsShot${index}`,
    name: `FourthChat: ${shot.node.name}`,
    active: false,
    settings: {},
    nodes: [shot.node],
    connections: {},
  };
  cli('import:workflow', `--input=${file(`workflow-${index}.json`, workflow)}`);
}

const n8n = spawn(node24, [n8nBin, 'start'], { env, stdio: 'ignore' });
const baseUrl = `http://127.0.0.1:${port}`;
try {
  await until(async () => (await fetch(`${baseUrl}/healthz`)).ok, 'n8n to start');
  // healthz answers before the REST API is mounted: set the owner up once it is.
  await until(async () => {
    const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'browser-id': 'fourthchat-docs' },
      body: JSON.stringify({ ...OWNER, firstName: 'Docs', lastName: 'Owner' }),
    });
    return setup.ok;
  }, 'the owner setup');
  const browser = await chromium.launch({ executablePath: ensureBrowser().path, headless: true });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel(/email/i).fill(OWNER.email);
  await page.getByLabel(/password/i).fill(OWNER.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  mkdirSync(docs, { recursive: true });
  for (const [index, shot] of SHOTS.entries()) {
    await page.goto(`${baseUrl}/workflow/fcDocsShot${index}/${shot.node.id}`);
    const panel = page.locator('[data-test-id="ndv"]').first();
    await panel.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(1500); // the parameter panel renders its option lists after opening
    await panel.screenshot({ path: join(docs, shot.file) });
    console.log(`saved n8n-nodes/docs/${shot.file}`);
  }
  await browser.close();
} finally {
  n8n.kill('SIGTERM');
  await new Promise((resolve) => n8n.once('exit', resolve));
  rmSync(folder, { recursive: true, force: true });
}
