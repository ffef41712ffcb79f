import { FourthChatApi } from '../../n8n-nodes/credentials/FourthChatApi.credentials';
import { CREDENTIALS } from './support/contexts';
import { performAuthenticatedRequest, resolveCredentialExpression } from './support/http';
import { installNock, relay } from './support/relay';

installNock();

describe('FourthChat API credential', () => {
  const credential = new FourthChatApi();

  it('asks for a base URL and a password-typed API key', () => {
    const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
    expect(byName.baseUrl).toMatchObject({ type: 'string', required: true });
    expect(byName.apiKey).toMatchObject({ type: 'string', typeOptions: { password: true } });
  });

  it('authenticates requests with the API key as a Bearer token', async () => {
    const scope = relay()
      .get('/api/chatbots')
      .matchHeader('authorization', `Bearer ${CREDENTIALS.apiKey}`)
      .reply(200, { data: [] });
    await expect(
      performAuthenticatedRequest(CREDENTIALS, {
        baseURL: CREDENTIALS.baseUrl,
        url: '/api/chatbots',
        json: true,
      }),
    ).resolves.toEqual({ data: [] });
    scope.done();
  });

  it('is tested with GET /api/me on the configured base URL', async () => {
    const { request } = credential.test;
    expect(request).toMatchObject({ method: 'GET', url: '/api/me' });
    const scope = relay()
      .get('/api/me')
      .matchHeader('authorization', `Bearer ${CREDENTIALS.apiKey}`)
      .reply(200, { workspaceId: 'ws_1', name: 'Acme' });
    const me = await performAuthenticatedRequest(CREDENTIALS, {
      method: request.method,
      url: request.url ?? '',
      baseURL: resolveCredentialExpression(request.baseURL ?? '', CREDENTIALS),
      json: true,
    });
    expect(me).toEqual({ workspaceId: 'ws_1', name: 'Acme' });
    scope.done();
  });
});
