import type { ICredentialTestRequest } from 'n8n-workflow';
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

  describe('test failures', () => {
    /**
     * What n8n shows for a credential test that failed with an HTTP status: the message of the
     * first `responseCode` rule with that status, else the bare status text (n8n 2.40's
     * CredentialsTester).
     */
    function shownMessage(test: ICredentialTestRequest, status: number, statusText: string) {
      const rule = test.rules?.find(
        (candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
      );
      return rule === undefined ? statusText : String(rule.properties.message);
    }

    async function testAnswering(status: number, statusText: string): Promise<string> {
      const { request } = credential.test;
      const scope = relay()
        .get('/api/me')
        .reply(status, { error: { code: 'x', message: 'y' } });
      const response = await performAuthenticatedRequest(CREDENTIALS, {
        method: request.method,
        url: request.url ?? '',
        baseURL: resolveCredentialExpression(request.baseURL ?? '', CREDENTIALS),
        json: true,
        returnFullResponse: true,
        ignoreHttpStatusErrors: true,
      });
      scope.done();
      expect(response).toMatchObject({ statusCode: status });
      return shownMessage(credential.test, status, statusText);
    }

    it('says a 401 is about the API key and where to get a valid one', async () => {
      const message = await testAnswering(401, 'Unauthorized');
      expect(message).toContain('The API key is not valid');
      expect(message).toContain("relay's first start output");
      expect(message).toContain('POST /api/keys');
    });

    it.each([
      [403, 'Forbidden'],
      [404, 'Not Found'],
    ])(
      'says a %i means the Base URL is not a relay, and how it should look',
      async (status, text) => {
        const message = await testAnswering(status, text);
        expect(message).toContain('The Base URL does not point at a FourthChat Relay');
        expect(message).toContain("the relay's address without /api");
      },
    );

    it.each([429, 502, 503, 504])('explains a %i instead of showing the status text', (status) => {
      expect(shownMessage(credential.test, status, 'status text')).toMatch(/relay/i);
    });
  });
});
