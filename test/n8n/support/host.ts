import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INode } from 'n8n-workflow';
import type { HostUrls } from './additional-data';
import type { CredentialData } from './credentials-helper';
import { Executions } from './executions';
import { PublishedTrigger } from './triggers';

/**
 * The n8n of the unit tests: this package's nodes run through n8n-core's engine and contexts
 * (n8n-core and n8n-workflow as pinned for the n8n the end-to-end run uses), and a loopback HTTP
 * server stands where n8n serves its webhooks and resume URLs, so a real relay reaches them.
 */
export class N8nHost {
  readonly executions: Executions;
  /** n8n stopped: its webhooks answer 503 (as the proxy in front of a stopped n8n does). */
  down = false;
  private readonly triggers = new Map<string, PublishedTrigger>();

  private constructor(
    private readonly server: Server,
    readonly urls: HostUrls,
    public credentials: CredentialData,
  ) {
    this.executions = new Executions(() => this.credentials, urls);
  }

  static async start(credentials: CredentialData): Promise<N8nHost> {
    // The server starts before the host that routes its requests exists.
    const started: { host?: N8nHost } = {};
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      started.host?.route(url, request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500);
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    const host = new N8nHost(
      server,
      { webhookBaseUrl: `${origin}/webhook`, webhookWaitingBaseUrl: `${origin}/webhook-waiting` },
      credentials,
    );
    started.host = host;
    return host;
  }

  /** A trigger node's workflow; `publish()` it to subscribe. */
  trigger(node: INode): PublishedTrigger {
    const trigger = new PublishedTrigger(node, () => this.credentials, this.urls);
    if (node.webhookId !== undefined) this.triggers.set(node.webhookId, trigger);
    return trigger;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.down) {
      response.writeHead(503).end();
      return;
    }
    const [kind, id] = url.pathname.split('/').filter(Boolean);
    if (request.method === 'POST' && kind === 'webhook-waiting' && id !== undefined) {
      return await this.executions.serveResume(id, url, request, response);
    }
    const trigger = id === undefined ? undefined : this.triggers.get(id);
    if (request.method === 'POST' && kind === 'webhook' && trigger !== undefined) {
      return await trigger.serve(url, request, response);
    }
    response.writeHead(404).end();
  }
}
