import type { ICredentialTestRequest } from 'n8n-workflow';
import { FourthChatApi } from '../../n8n-nodes/credentials/FourthChatApi.credentials';
import { TestCredentialsHelper } from './support/credentials-helper';
import { actionNode } from './support/nodes';
import { startRelay, type TestRelay } from './support/relay';
import { oneNodeWorkflow } from './support/workflow';

// The credential against a real relay: authentication applied as n8n applies a declarative
// `authenticate` (expressions resolved by n8n-workflow), and the credential test's request.
let relay: TestRelay;

beforeAll(async () => {
  relay = await startRelay();
});

afterAll(async () => {
  await relay?.stop();
});

const credential = new FourthChatApi();

/** The credential test's request with the credential applied, sent to the relay. */
async function credentialTest(apiKey: string): Promise<{ status: number; body: unknown }> {
  const node = actionNode({});
  const { workflow } = oneNodeWorkflow(node);
  const data = { ...relay.credentials, apiKey };
  const baseURL = workflow.expression.getSimpleParameterValue(
    node,
    credential.test.request.baseURL ?? '',
    'internal',
    {
      $credentials: data,
    },
  );
  const request = await new TestCredentialsHelper(() => data).authenticate(
    data,
    credential.name,
    { url: credential.test.request.url ?? '', baseURL: String(baseURL) },
    workflow,
    node,
  );
  const response = await fetch(`${request.baseURL}${request.url}`, {
    headers: { ...request.headers } as Record<string, string>,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/**
 * What n8n shows for a credential test that failed with an HTTP status: the message of the first
 * `responseCode` rule with that status, else the bare status text (n8n 2.40's CredentialsTester).
 */
function shownMessage(test: ICredentialTestRequest, status: number, statusText: string) {
  const rule = test.rules?.find(
    (candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
  );
  return rule === undefined ? statusText : String(rule.properties.message);
}

describe('FourthChat API credential', () => {
  it('asks for a base URL and a password-typed API key', () => {
    const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
    expect(byName.baseUrl).toMatchObject({ type: 'string', required: true });
    expect(byName.apiKey).toMatchObject({ type: 'string', typeOptions: { password: true } });
  });

  it('is tested with GET /api/me, which answers the workspace for the key', async () => {
    expect(credential.test.request).toMatchObject({ method: 'GET', url: '/api/me' });
    await expect(credentialTest(relay.credentials.apiKey)).resolves.toEqual({
      status: 200,
      body: expect.objectContaining({ workspaceId: expect.any(String) }),
    });
  });

  it('says a 401 is about the API key and where to get a valid one', async () => {
    const { status } = await credentialTest('fck_not_a_key_of_this_relay_000000');
    expect(status).toBe(401);
    const message = shownMessage(credential.test, status, 'Unauthorized');
    expect(message).toContain('The API key is not valid');
    expect(message).toContain("relay's first start output");
    expect(message).toContain('POST /api/keys');
  });

  it.each([
    [403, 'Forbidden'],
    [404, 'Not Found'],
  ])('says a %i means the Base URL is not a relay, and how it should look', (status, text) => {
    const message = shownMessage(credential.test, status, text);
    expect(message).toContain('The Base URL does not point at a FourthChat Relay');
    expect(message).toContain("the relay's address without /api");
  });

  it.each([429, 502, 503, 504])('explains a %i instead of showing the status text', (status) => {
    expect(shownMessage(credential.test, status, 'status text')).toMatch(/relay/i);
  });
});
