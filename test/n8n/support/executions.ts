import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebhookContext } from 'n8n-core';
import type { INode, INodeExecutionData, IRun, IWebhookData } from 'n8n-workflow';
import { additionalData, type HostUrls } from './additional-data';
import type { CredentialData } from './credentials-helper';
import { answerWebhook, expressRequest, expressResponse, readBody } from './express-shim';
import { nodeTypes } from './node-types';
import {
  nodeOutputs,
  oneNodeWorkflow,
  persisted,
  runEngine,
  startingAt,
  type EngineRun,
} from './workflow';

export interface ExecuteOptions {
  items?: INodeExecutionData[];
  /** How often the node runs in the execution (a loop runs it once per pass). */
  passes?: number;
}

/** One execution of a workflow of one node, as n8n stores it after each (re)start. */
export class Execution {
  constructor(
    readonly id: string,
    readonly node: INode,
    readonly run: IRun,
  ) {}

  get status(): IRun['status'] {
    return this.run.status;
  }

  /** The node's items, run by run. */
  get outputs(): INodeExecutionData[][] {
    return nodeOutputs(this.run, this.node.name);
  }

  /** The items of the node's last run, as `{json}` (pairing left out). */
  get json(): unknown[] {
    return (this.outputs.at(-1) ?? []).map((item) => item.json);
  }

  get error(): IRun['data']['resultData']['error'] {
    return this.run.data.resultData.error;
  }
}

interface Waiting {
  engine: EngineRun;
  node: INode;
  resumed: (execution: Execution) => void;
  resumedBy: Promise<Execution>;
}

/**
 * Executions of the action node through n8n-core's engine, and n8n's handling of those that wait:
 * resuming them by a call to their resume URL (what n8n's WaitingWebhooks does: run the waiting
 * node's webhook, pass on its items) or when their time is up (its WaitTracker).
 */
export class Executions {
  private count = 0;
  // Ids unique across hosts: the Idempotency-Key of a message is derived from its execution's id.
  private readonly prefix = randomBytes(4).toString('hex');
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly credentials: () => CredentialData,
    private readonly urls: HostUrls,
  ) {}

  async execute(node: INode, options: ExecuteOptions = {}): Promise<Execution> {
    this.count += 1;
    const executionId = `${this.prefix}${this.count}`;
    const { base, workflow } = oneNodeWorkflow(node);
    const engine: EngineRun = {
      workflow,
      base,
      mode: 'manual',
      data: startingAt(
        workflow.getNode(node.name) ?? node,
        options.items ?? [{ json: {} }],
        options.passes,
      ),
      context: { credentials: this.credentials, urls: this.urls, executionId },
    };
    return this.settle(engine, node, await runEngine(engine));
  }

  /** Resolves when a call to the execution's resume URL resumed it. */
  async resumed(executionId: string): Promise<Execution> {
    const waiting = this.waiting.get(executionId);
    if (waiting === undefined) throw new Error(`Execution ${executionId} is not waiting`);
    return await waiting.resumedBy;
  }

  /** The execution's wait time is up: n8n starts it again as it was stored. */
  async expire(executionId: string): Promise<Execution> {
    const waiting = this.take(executionId);
    const engine = { ...waiting.engine, data: persisted(waiting.engine.data) };
    const execution = this.settle(engine, waiting.node, await runEngine(engine));
    waiting.resumed(execution);
    return execution;
  }

  /** POST `<webhookWaitingBaseUrl>/<executionId>?signature=<resumeToken>`. */
  async serveResume(
    executionId: string,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const rawBody = await readBody(request);
    const waiting = this.waiting.get(executionId);
    const token = waiting?.engine.data.resumeToken;
    if (
      waiting === undefined ||
      token === undefined ||
      url.searchParams.get('signature') !== token
    ) {
      response.writeHead(waiting === undefined ? 404 : 401).end();
      return;
    }
    const data = persisted(waiting.engine.data);
    const entry = data.executionData?.nodeExecutionStack[0];
    const node = entry === undefined ? null : waiting.engine.workflow.getNode(entry.node.name);
    if (entry === undefined || node === null) throw new Error('No waiting node on the stack');
    const extra = additionalData({
      credentials: this.credentials,
      urls: this.urls,
      executionId,
    });
    extra.httpRequest = expressRequest(request, rawBody, url);
    extra.httpResponse = expressResponse(response);
    const webhookData: IWebhookData = {
      httpMethod: 'POST',
      node: node.name,
      path: '',
      webhookDescription: { name: 'default', httpMethod: 'POST', path: '', restartWebhook: true },
      workflowId: waiting.engine.base.id,
      workflowExecuteAdditionalData: extra,
    };
    const context = new WebhookContext(
      waiting.engine.workflow,
      node,
      extra,
      'manual',
      webhookData,
      [],
      data,
    );
    const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
    const result = await nodeType.webhook?.call(context);
    if (result?.noWebhookResponse !== true) answerWebhook(response, result?.webhookResponse);
    if (result?.workflowData === undefined) return;
    // What n8n does with the webhook's items (WaitingWebhooks, webhook-helpers): the waiting node
    // is not run again; it passes them on.
    this.take(executionId);
    entry.node.disabled = true;
    entry.data.main = result.workflowData;
    entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
    data.waitTill = undefined;
    data.resultData.runData[node.name]?.pop();
    const engine = { ...waiting.engine, data };
    waiting.resumed(this.settle(engine, waiting.node, await runEngine(engine)));
  }

  private take(executionId: string): Waiting {
    const waiting = this.waiting.get(executionId);
    if (waiting === undefined) throw new Error(`Execution ${executionId} is not waiting`);
    this.waiting.delete(executionId);
    return waiting;
  }

  private settle(engine: EngineRun, node: INode, run: IRun): Execution {
    const execution = new Execution(engine.context.executionId, node, run);
    if (run.status === 'waiting') {
      let resumed: (execution: Execution) => void = () => undefined;
      const resumedBy = new Promise<Execution>((resolve) => (resumed = resolve));
      this.waiting.set(engine.context.executionId, {
        engine: { ...engine, data: run.data },
        node,
        resumed,
        resumedBy,
      });
    }
    return execution;
  }
}
