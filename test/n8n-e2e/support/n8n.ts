import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/relay-process.js';
import { waitFor } from '../../support/wait.js';
import { type CommandResult, runCommand, stopProcess } from './processes.js';

const PACKAGE_NAME = 'n8n-nodes-fourthchat';
const packageDir = fileURLToPath(new URL('../../../n8n-nodes/', import.meta.url));

interface N8nInstall {
  node: string;
  bin: string;
}

/** Where scripts/n8n-e2e/run.mjs put n8n and its Node 24 (see ensure-n8n.mjs). */
function n8nInstall(): N8nInstall {
  const node = process.env.N8N_E2E_NODE;
  const bin = process.env.N8N_E2E_N8N_BIN;
  if (node === undefined || bin === undefined) {
    throw new Error('N8N_E2E_NODE / N8N_E2E_N8N_BIN are not set: run `npm run test:e2e:n8n`');
  }
  return { node, bin };
}

export interface RunningN8n {
  baseUrl: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/** The data n8n stored for one node in a finished execution. */
export type NodeRunItems = { json: Record<string, unknown> }[];

/**
 * A throw-away n8n user folder with this repository's built package installed the way the
 * Community Nodes panel installs one: under `.n8n/nodes/node_modules/<package>`.
 */
export class N8nHome {
  private constructor(
    readonly folder: string,
    private readonly install: N8nInstall,
    private readonly brokerPort: number,
  ) {}

  static async create(): Promise<N8nHome> {
    const folder = await mkdtemp(join(tmpdir(), 'fourthchat-n8n-'));
    const target = join(folder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
    await mkdir(target, { recursive: true });
    await cp(join(packageDir, 'package.json'), join(target, 'package.json'));
    await cp(join(packageDir, 'dist'), join(target, 'dist'), { recursive: true });
    return new N8nHome(folder, n8nInstall(), await freePort());
  }

  // Only what n8n needs: no NODE_OPTIONS from jest, nothing phoning home.
  private env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.folder,
      N8N_USER_FOLDER: this.folder,
      N8N_ENCRYPTION_KEY: 'fourthchat-n8n-e2e-only',
      N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false',
      N8N_DYNAMIC_BANNERS_ENABLED: 'false',
      N8N_DISABLED_MODULES: 'mcp-registry',
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      ...extra,
    };
  }

  async cli(...args: string[]): Promise<CommandResult> {
    const result = await runCommand(this.install.node, [this.install.bin, ...args], this.env());
    if (result.code !== 0) {
      throw new Error(
        `n8n ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
      );
    }
    return result;
  }

  private async importFile(command: string, name: string, content: unknown): Promise<void> {
    const file = join(this.folder, name);
    await writeFile(file, JSON.stringify(content));
    await this.cli(command, `--input=${file}`);
  }

  async importCredentials(credentials: readonly object[]): Promise<void> {
    await this.importFile('import:credentials', 'credentials.json', credentials);
  }

  async importWorkflow(workflow: { id: string }): Promise<void> {
    await this.importFile('import:workflow', `workflow-${workflow.id}.json`, workflow);
  }

  /** Several workflows with one `n8n import:workflow --separate` (each CLI run starts n8n). */
  async importWorkflows(workflows: readonly { id: string }[]): Promise<void> {
    const dir = await mkdtemp(join(this.folder, 'workflows-'));
    for (const workflow of workflows) {
      await writeFile(join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
    }
    await this.cli('import:workflow', '--separate', `--input=${dir}`);
  }

  async publish(workflowId: string): Promise<void> {
    await this.cli('publish:workflow', `--id=${workflowId}`);
  }

  /** `n8n execute` of a saved workflow; the items of each run of each node, by node name. */
  async executeRuns(workflowId: string): Promise<Record<string, NodeRunItems[]>> {
    const { stdout } = await this.cli('execute', `--id=${workflowId}`);
    const marker = stdout.indexOf('Execution was successful:');
    if (marker === -1) throw new Error(`n8n execute did not succeed:\n${stdout}`);
    // n8n prints the run with JSON.stringify(data, null, 2): it ends at the first `}` in column 0.
    // Its logger may print more lines after it (seen on a loaded machine), so cut there.
    const start = stdout.indexOf('{', marker);
    const end = stdout.indexOf('\n}', start) + 2;
    const run = JSON.parse(stdout.slice(start, end > 1 ? end : undefined)) as {
      data: { resultData: { runData: Record<string, { data: { main: NodeRunItems[] } }[]> } };
    };
    const items: Record<string, NodeRunItems[]> = {};
    for (const [node, runs] of Object.entries(run.data.resultData.runData)) {
      items[node] = runs.map((nodeRun) => nodeRun.data.main[0] ?? []);
    }
    return items;
  }

  /** `n8n execute` of a saved workflow; the items each node produced in its first run. */
  async execute(workflowId: string): Promise<Record<string, NodeRunItems>> {
    const runs = await this.executeRuns(workflowId);
    return Object.fromEntries(
      Object.entries(runs).map(([node, nodeRuns]) => [node, nodeRuns[0] ?? []]),
    );
  }

  /**
   * `n8n start` with published workflows active; resolves once its health check answers. Give the
   * port of an earlier start to come back at the same webhook URLs (n8n restarted).
   */
  async start(port?: number): Promise<RunningN8n> {
    port ??= await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child: ChildProcess = spawn(this.install.node, [this.install.bin, 'start'], {
      env: this.env({ N8N_PORT: String(port), N8N_WEBHOOK_URL: `${baseUrl}/` }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const running = { baseUrl, port, output: () => output, stop: () => stopProcess(child) };
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`n8n start exited:\n${output}`);
          const health = await fetch(`${baseUrl}/healthz`).catch(() => undefined);
          return health?.ok === true;
        },
        { timeoutMs: 120_000, intervalMs: 250, what: 'n8n to start' },
      );
    } catch (error) {
      await running.stop();
      throw error;
    }
    return running;
  }

  /** Executions n8n stored for a workflow (id, status), read from its SQLite database with Node 24's node:sqlite. */
  async executions(workflowId: string): Promise<{ id: string; status: string }[]> {
    const script = [
      "const { DatabaseSync } = require('node:sqlite');",
      'const db = new DatabaseSync(process.argv[1], { readOnly: true });',
      "const rows = db.prepare('SELECT id, status FROM execution_entity WHERE workflowId = ? ORDER BY id').all(process.argv[2]);",
      'console.log(JSON.stringify(rows.map((row) => ({ id: String(row.id), status: row.status }))));',
    ].join('\n');
    const database = join(this.folder, '.n8n', 'database.sqlite');
    const result = await runCommand(
      this.install.node,
      ['--no-warnings', '-e', script, database, workflowId],
      this.env(),
    );
    if (result.code !== 0) throw new Error(`reading executions failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim()) as { id: string; status: string }[];
  }

  async countExecutions(workflowId: string): Promise<number> {
    return (await this.executions(workflowId)).length;
  }

  async remove(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
