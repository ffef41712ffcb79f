import type {
  Chatbot,
  Connection,
  CreateChatbotRequest,
  CreateConnectionRequest,
  CreatedConnection,
  Delivery,
  ListResponse,
  RecoverCount,
  RecoverRequest,
  RecoverResult,
  RotatedSecret,
  Subscription,
  SubscriptionList,
  TestResult,
  UpdateConnectionRequest,
  UpdateSubscriptionRequest,
  Workspace,
} from '@fourthchat/shared';
import type { ApiClient } from './client.js';

const id = encodeURIComponent;

function recoverQuery(request: RecoverRequest): string {
  const query = new URLSearchParams({ since: request.since });
  if (request.until) query.set('until', request.until);
  if (request.target) query.set('target', request.target);
  return query.toString();
}

/**
 * The relay endpoints the page uses, typed by the shared contract. Paths are relative to the
 * page, so a relay behind a reverse proxy's path prefix works as well.
 */
export function relayApi(client: ApiClient) {
  const list = async <T>(path: string) => (await client.request<ListResponse<T>>('GET', path)).data;
  return {
    me: () => client.request<Workspace>('GET', 'api/me'),
    chatbots: () => list<Chatbot>('api/chatbots'),
    chatbot: (chatbotId: string) => client.request<Chatbot>('GET', `api/chatbots/${id(chatbotId)}`),
    createChatbot: (body: CreateChatbotRequest) =>
      client.request<Chatbot>('POST', 'api/chatbots', body),
    connections: (chatbotId: string) =>
      list<Connection>(`api/chatbots/${id(chatbotId)}/connections`),
    createConnection: (chatbotId: string, body: CreateConnectionRequest) =>
      client.request<CreatedConnection>('POST', `api/chatbots/${id(chatbotId)}/connections`, body),
    connection: (connectionId: string) =>
      client.request<Connection>('GET', `api/connections/${id(connectionId)}`),
    updateConnection: (connectionId: string, body: UpdateConnectionRequest) =>
      client.request<Connection>('PATCH', `api/connections/${id(connectionId)}`, body),
    deleteConnection: (connectionId: string) =>
      client.request<undefined>('DELETE', `api/connections/${id(connectionId)}`),
    rotateSecret: (connectionId: string) =>
      client.request<RotatedSecret>('POST', `api/connections/${id(connectionId)}/rotate-secret`),
    testConnection: (connectionId: string) =>
      client.request<TestResult>('POST', `api/connections/${id(connectionId)}/test`),
    /** The subscriptions, and those the relay removed lately. */
    subscriptions: (connectionId: string) =>
      client.request<SubscriptionList>('GET', `api/connections/${id(connectionId)}/subscriptions`),
    updateSubscription: (subscriptionId: string, body: UpdateSubscriptionRequest) =>
      client.request<Subscription>('PATCH', `api/subscriptions/${id(subscriptionId)}`, body),
    recoverCount: (connectionId: string, request: RecoverRequest) =>
      client.request<RecoverCount>(
        'GET',
        `api/connections/${id(connectionId)}/recover?${recoverQuery(request)}`,
      ),
    recover: (connectionId: string, request: RecoverRequest) =>
      client.request<RecoverResult>('POST', `api/connections/${id(connectionId)}/recover`, request),
    deliveries: (connectionId: string) =>
      list<Delivery>(`api/connections/${id(connectionId)}/deliveries`),
    redeliver: (deliveryId: string) =>
      client.request<Delivery>('POST', `api/deliveries/${id(deliveryId)}/redeliver`),
  };
}

export type RelayApi = ReturnType<typeof relayApi>;
