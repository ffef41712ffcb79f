// jest setupFiles of the n8n project: n8n-core's InstanceSettings keeps its config (instance id,
// the key that signs resume URLs) in N8N_USER_FOLDER/.n8n; give each test worker its own folder
// rather than the developer's home.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'fourthchat-n8n-unit-'));
