import type { IncomingMessage, ServerResponse } from 'node:http';
import { HookContext, WebhookContext } from 'n8n-core';
import type {
  IDataObject,
  INode,
  INodeExecutionData,
  IWebhookData,
  IWebhookResponseData,
  Workflow,
} from 'n8n-workflow';
import { additionalData, type HostUrls } from './additional-data';
import type { CredentialData } from './credentials-helper';
import { answerWebhook, expressRequest, expressResponse, readBody } from './express-shim';
import { nodeTypes } from './node-types';
import { oneNodeWorkflow } from './workflow';

type LifecycleMethod = 'checkExists' | 'create' | 'delete';

/** A delivery the trigger's webhook answered, and the items it started the workflow with. */
export interface TriggerCall {
  status: number;
  body: unknown;
  started: INodeExecutionData[] | undefined;
}

/**
 * A workflow "FourthChat Trigger → …" in the n8n of the tests: publishing runs the trigger's
 * webhook methods as n8n's ActiveWorkflowManager does (checkExists, then create if false;
 * delete on unpublish), its static data lives with the workflow, and deliveries to its webhook
 * URL run its webhook() in n8n-core's WebhookContext.
 */
export class PublishedTrigger {
  readonly calls: TriggerCall[] = [];
  readonly workflow: Workflow;
  readonly node: INode;

  constructor(
    node: INode,
    private readonly credentials: () => CredentialData,
    private readonly urls: HostUrls,
  ) {
    this.workflow = oneNodeWorkflow(node).workflow;
    const filled = this.workflow.getNode(node.name);
    if (filled === null) throw new Error('The trigger is not in its workflow');
    this.node = filled;
  }

  /** Where the relay delivers: `<webhookBaseUrl>/<webhookId>/webhook`. */
  get webhookUrl(): string {
    return `${this.urls.webhookBaseUrl}/${this.node.webhookId ?? ''}/webhook`;
  }

  get staticData(): IDataObject {
    return this.workflow.getStaticData('node', this.node);
  }

  /** Items of the workflow runs the trigger started. */
  get runs(): IDataObject[] {
    return this.calls.flatMap((call) => (call.started ?? []).map((item) => item.json));
  }

  async hook(method: LifecycleMethod): Promise<boolean> {
    const context = new HookContext(this.workflow, this.node, this.data(), 'trigger', 'activate');
    const nodeType = nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
    const run = nodeType.webhookMethods?.default?.[method];
    if (run === undefined) throw new Error(`The trigger has no ${method}`);
    return await run.call(context);
  }

  /** Publishing, or n8n starting with the workflow published: subscribe unless it exists. */
  async publish(): Promise<void> {
    if (!(await this.hook('checkExists'))) await this.hook('create');
  }

  async unpublish(): Promise<void> {
    await this.hook('delete');
  }

  async serve(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const extra = this.data();
    extra.httpRequest = expressRequest(request, rawBody, url);
    extra.httpResponse = expressResponse(response);
    const webhookData: IWebhookData = {
      httpMethod: 'POST',
      node: this.node.name,
      path: 'webhook',
      webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' },
      workflowId: this.workflow.id,
      workflowExecuteAdditionalData: extra,
      webhookId: this.node.webhookId,
    };
    const context = new WebhookContext(
      this.workflow,
      this.node,
      extra,
      'trigger',
      webhookData,
      [],
      null,
    );
    const nodeType = nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
    const result: IWebhookResponseData | undefined = await nodeType.webhook?.call(context);
    if (result?.noWebhookResponse !== true) answerWebhook(response, result?.webhookResponse);
    this.calls.push({
      status: response.statusCode,
      body: result?.noWebhookResponse === true ? undefined : result?.webhookResponse,
      started: result?.workflowData?.[0],
    });
  }

  private data() {
    return additionalData({ credentials: this.credentials, urls: this.urls });
  }
}
