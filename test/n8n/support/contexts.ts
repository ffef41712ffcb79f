import type {
  IDataObject,
  IExecuteFunctions,
  IHookFunctions,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
  INode,
  INodeExecutionData,
  IWebhookFunctions,
} from 'n8n-workflow';
import { type CredentialData, performAuthenticatedRequest } from './http';

// n8n's context interfaces have dozens of members our nodes never touch. The fakes implement what
// the nodes call, with real behaviour (HTTP goes over the wire to nock), and are cast once, here.

export const CREDENTIALS: CredentialData = {
  baseUrl: 'https://relay.test',
  apiKey: 'fc_test_key',
};

export interface LogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
}

type Parameters = Record<string, unknown>;

export interface FakeOptions {
  /** Parameters of every item; `itemParameters[i]` overrides them for item i. */
  parameters?: Parameters;
  itemParameters?: Parameters[];
  credentials?: CredentialData;
  staticData?: IDataObject;
  nodeName?: string;
}

function fakeNode(name: string, type: string): INode {
  return { id: 'node-1', name, type, typeVersion: 1, position: [0, 0], parameters: {} };
}

function parameterValue(
  options: FakeOptions,
  name: string,
  itemIndex: number,
  fallback: unknown,
  extractValue: boolean,
): unknown {
  const value =
    options.itemParameters?.[itemIndex]?.[name] ?? options.parameters?.[name] ?? fallback;
  if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
  const isLocator = typeof value === 'object' && value !== null && '__rl' in value;
  return extractValue && isLocator && 'value' in value ? value.value : value;
}

function base(options: FakeOptions, nodeType: string) {
  const credentials = options.credentials ?? CREDENTIALS;
  const logs: LogEntry[] = [];
  const log = (level: LogEntry['level']) => (message: string) => {
    logs.push({ level, message });
  };
  const staticData = options.staticData ?? {};
  const context = {
    logs,
    staticData,
    logger: { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') },
    getNode: () => fakeNode(options.nodeName ?? 'FourthChat', nodeType),
    getCredentials: (type: string) =>
      type === 'fourthChatApi'
        ? Promise.resolve({ ...credentials })
        : Promise.reject(new Error(`Unexpected credential type ${type}`)),
    getWorkflowStaticData: (type: string) => {
      if (type !== 'node') throw new Error(`Unexpected static data type ${type}`);
      return staticData;
    },
    helpers: {
      httpRequestWithAuthentication: async (type: string, request: IHttpRequestOptions) => {
        if (type !== 'fourthChatApi') throw new Error(`Unexpected credential type ${type}`);
        return await performAuthenticatedRequest(credentials, request);
      },
    },
  };
  return context;
}

export interface ExecuteOptions extends FakeOptions {
  items?: INodeExecutionData[];
  continueOnFail?: boolean;
  executionId?: string;
  /** Which run of the node in its execution this is (n8n counts loop passes from 0). */
  runIndex?: number;
}

export function executeContext(options: ExecuteOptions = {}) {
  const context = {
    ...base(options, 'n8n-nodes-fourthchat.fourthChat'),
    getInputData: () => options.items ?? [{ json: {} }],
    continueOnFail: () => options.continueOnFail ?? false,
    getExecutionId: () => options.executionId ?? 'execution-1',
    // n8n builds this proxy on the context's run index; the node reads nothing else from it.
    getWorkflowDataProxy: () => ({ $thisRunIndex: options.runIndex ?? 0 }),
    getNodeParameter: (
      name: string,
      itemIndex: number,
      fallback?: unknown,
      extra?: { extractValue?: boolean },
    ) => parameterValue(options, name, itemIndex, fallback, extra?.extractValue === true),
  };
  return Object.assign(context, { asN8n: context as unknown as IExecuteFunctions });
}

export interface HookOptions extends FakeOptions {
  webhookUrl?: string;
}

export function hookContext(options: HookOptions = {}) {
  const context = {
    ...base(options, 'n8n-nodes-fourthchat.fourthChatTrigger'),
    getNodeWebhookUrl: (name: string) =>
      name === 'default'
        ? (options.webhookUrl ?? 'https://n8n.test/webhook/abc/webhook')
        : undefined,
    getNodeParameter: (name: string, fallback?: unknown, extra?: { extractValue?: boolean }) =>
      parameterValue(options, name, 0, fallback, extra?.extractValue === true),
  };
  return Object.assign(context, { asN8n: context as unknown as IHookFunctions });
}

export function loadOptionsContext(options: FakeOptions = {}) {
  const context = base(options, 'n8n-nodes-fourthchat.fourthChat');
  return Object.assign(context, { asN8n: context as unknown as ILoadOptionsFunctions });
}

/** What the trigger wrote to the HTTP response itself (it does so only to refuse). */
export interface RecordedResponse {
  statusCode?: number;
  body?: unknown;
}

export interface WebhookOptions extends FakeOptions {
  rawBody: Buffer;
  headers: Record<string, string>;
}

export function webhookContext(options: WebhookOptions) {
  const response: RecordedResponse = {};
  const expressResponse = {
    status(code: number) {
      response.statusCode = code;
      return expressResponse;
    },
    json(body: unknown) {
      response.body = body;
      return expressResponse;
    },
  };
  const context = {
    ...base(options, 'n8n-nodes-fourthchat.fourthChatTrigger'),
    response,
    getRequestObject: () => ({ rawBody: options.rawBody, headers: options.headers }),
    getResponseObject: () => expressResponse,
    getNodeParameter: (name: string, fallback?: unknown) =>
      parameterValue(options, name, 0, fallback, false),
  };
  return Object.assign(context, { asN8n: context as unknown as IWebhookFunctions });
}
