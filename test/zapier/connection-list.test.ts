import { describe, expect, it } from '@jest/globals';
import { app, appTester, authData, RELAY } from './support/app.js';
import { rejection } from './support/errors.js';
import { useNock } from './support/nock.js';

const { connectionList } = app.triggers;
const { operation } = connectionList;
if (!('perform' in operation) || typeof operation.perform !== 'function') {
  throw new Error('connectionList must perform with a function');
}
const { perform } = operation;

const nock = useNock();

describe('hidden Connections trigger', () => {
  it('is hidden and feeds the Connection dropdown of both steps', () => {
    expect(connectionList.display.hidden).toBe(true);
    const dropdowns = [app.triggers.newAiResponse, app.creates.sendMessage].map((step) =>
      step.operation.inputFields?.find((field) => 'key' in field && field.key === 'connectionId'),
    );
    for (const field of dropdowns) {
      expect(field).toMatchObject({ required: true, dynamic: 'connectionList.id.name' });
    }
  });

  it('lists the workspace connections from GET /api/connections', async () => {
    const connections = [
      { id: 'conn_1', name: 'Support desk', chatbotId: 'bot_1', enabled: true },
      { id: 'conn_2', name: 'Sales', chatbotId: 'bot_2', enabled: false },
    ];
    nock(RELAY).get('/api/connections').reply(200, { data: connections });

    const listed = await appTester(perform, { authData });

    expect(listed).toEqual(connections);
  });

  it('reports a list that lacks ids or names', async () => {
    nock(RELAY)
      .get('/api/connections')
      .reply(200, { data: [{ name: 'no id' }] });

    const error = await rejection(appTester(perform, { authData }));

    expect(error.message).toContain('unexpected_response');
  });
});
