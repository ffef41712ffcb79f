import { describe, expect, it } from '@jest/globals';
import { authentication } from '../../zapier-app/src/authentication.js';
import { API_KEY, appTester, authData, RELAY } from './support/app.js';
import { rejection } from './support/errors.js';
import { useNock } from './support/nock.js';

const testAuth = authentication.test;

const nock = useNock();

describe('authentication', () => {
  it('asks for the relay address and a masked API key', () => {
    expect(authentication.type).toBe('custom');
    expect(authentication.fields).toEqual([
      expect.objectContaining({ key: 'baseUrl', required: true }),
      expect.objectContaining({ key: 'apiKey', type: 'password', required: true }),
    ]);
  });

  it('tests the key with GET /api/me and labels the connection with the workspace name', async () => {
    const relay = nock(RELAY, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .get('/api/me')
      .reply(200, { workspaceId: 'ws_1', name: 'Acme Support' });

    const workspace = await appTester(testAuth, { authData });

    expect(workspace).toEqual({ workspaceId: 'ws_1', name: 'Acme Support' });
    expect(authentication.connectionLabel).toBe('{{bundle.inputData.name}}');
    expect(relay.isDone()).toBe(true);
  });

  it('keeps a base path the relay is mounted under and ignores a trailing slash', async () => {
    const relay = nock(RELAY)
      .get('/fourthchat/api/me')
      .reply(200, { workspaceId: 'ws_1', name: 'A' });

    await appTester(testAuth, { authData: { ...authData, baseUrl: `${RELAY}/fourthchat/` } });

    expect(relay.isDone()).toBe(true);
  });

  it('says the API key was rejected when the relay answers 401', async () => {
    nock(RELAY)
      .get('/api/me')
      .reply(401, { error: { code: 'unauthorized', message: 'Unknown API key' } });

    const error = await rejection(appTester(testAuth, { authData }));

    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('API key rejected');
    expect(error.message).toContain('Unknown API key');
  });

  it('refuses a Relay URL that is not an http(s) address, before sending anything', async () => {
    const error = await rejection(
      appTester(testAuth, { authData: { ...authData, baseUrl: 'relay.example.test' } }),
    );

    expect(error.message).toContain('invalid_base_url');
    expect(error.message).toContain('Relay URL');
  });

  it('reports an answer that is not a FourthChat workspace', async () => {
    nock(RELAY).get('/api/me').reply(200, '<html>login</html>', { 'Content-Type': 'text/html' });

    const error = await rejection(appTester(testAuth, { authData }));

    expect(error.message).toContain('unexpected_response');
  });

  it('sends the API key to the connected relay only', async () => {
    const elsewhere = nock('https://elsewhere.example.test', { badheaders: ['authorization'] })
      .get('/ping')
      .reply(200, {});

    const status = await appTester(
      async (z) => (await z.request('https://elsewhere.example.test/ping')).status,
      {
        authData,
      },
    );

    expect(status).toBe(200);
    expect(elsewhere.isDone()).toBe(true);
  });
});
