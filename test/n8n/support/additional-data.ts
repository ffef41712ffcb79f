import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
  IWorkflowBase,
  IWorkflowExecuteAdditionalData,
  WorkflowExecuteMode,
} from 'n8n-workflow';
import { type CredentialData, TestCredentialsHelper } from './credentials-helper';

/** Where the n8n of the tests is reached: its webhooks and its waiting executions' resume URLs. */
export interface HostUrls {
  /** `…/webhook`: production webhooks (`<base>/<webhookId>/<path>`). */
  webhookBaseUrl: string;
  /** `…/webhook-waiting`: resume URLs (`<base>/<executionId>?signature=…`). */
  webhookWaitingBaseUrl: string;
}

export interface AdditionalDataOptions {
  credentials: () => CredentialData;
  urls: HostUrls;
  executionId?: string;
  hooks?: ExecutionLifecycleHooks;
}

function unavailable(what: string): () => never {
  return () => {
    throw new Error(`${what} is not available in the n8n of the unit tests`);
  };
}

/** What n8n hands its engine and contexts besides the workflow: URLs, credentials, hooks. */
export function additionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
  const { urls } = options;
  return {
    credentialsHelper: new TestCredentialsHelper(options.credentials),
    executeWorkflow: unavailable('Executing a sub-workflow'),
    getRunExecutionData: () => Promise.resolve(undefined),
    getRuntimeCredential: () => Promise.resolve(undefined),
    executionId: options.executionId,
    hooks: options.hooks,
    externalSecretsProxy: new ExternalSecretsProxy(),
    currentNodeExecutionIndex: 0,
    restApiUrl: 'http://n8n.invalid/rest',
    instanceBaseUrl: 'http://n8n.invalid',
    formBaseUrl: 'http://n8n.invalid/form',
    formWaitingBaseUrl: 'http://n8n.invalid/form-waiting',
    formTestBaseUrl: 'http://n8n.invalid/form-test',
    webhookBaseUrl: urls.webhookBaseUrl,
    webhookWaitingBaseUrl: urls.webhookWaitingBaseUrl,
    webhookTestBaseUrl: `${urls.webhookBaseUrl}-test`,
    mcpBaseUrl: 'http://n8n.invalid/mcp',
    mcpTestBaseUrl: 'http://n8n.invalid/mcp-test',
    variables: {},
    logAiEvent: () => undefined,
    startRunnerTask: unavailable('A task runner'),
  };
}

/** Lifecycle hooks of one execution (n8n-core's own), for the engine to report to. */
export function lifecycleHooks(
  mode: WorkflowExecuteMode,
  executionId: string,
  workflow: IWorkflowBase,
): ExecutionLifecycleHooks {
  return new ExecutionLifecycleHooks(mode, executionId, workflow);
}
