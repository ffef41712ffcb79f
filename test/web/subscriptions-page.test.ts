// The subscriptions of a connection on its page (issue 23), in real headless Chromium against a
// real relay process: an unpublished subscription reads "Paused (unpublished)", what each one
// takes is shown, and a subscription the relay removed is listed with why.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { apiClient, type ApiCall } from '../support/api-client.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';
import { launchBrowser, screenshot, signedInPage, type PageWatch } from './browser.js';

jest.setTimeout(scaledMs(30_000));

let relay: RelayProcess;
let api: ApiCall;
let webhook: Receiver;
/** Answers 410 Gone: the relay removes its subscription at the first reply. */
let gone: Receiver;
let browser: Browser;
let page: Page;
let watch: PageWatch;
let connectionId = '';
const n8nUrl = 'https://n8n.example.com/webhook/4d1c/webhook';

beforeAll(async () => {
  [relay, webhook, gone, browser] = await Promise.all([
    startRelayProcess(),
    startReceiver(),
    startReceiver(() => ({ status: 410 })),
    launchBrowser(),
  ]);
  api = apiClient(relay.baseUrl, relay.apiKey);
  const chatbot = await api('/api/chatbots', { body: { name: 'Support bot' } });
  const connection = await api(`/api/chatbots/${chatbot.body.id as string}/connections`, {
    body: { name: 'Hooks', webhookUrl: webhook.url },
  });
  connectionId = connection.body.id as string;
  const subscribe = (body: Record<string, unknown>) =>
    api(`/api/connections/${connectionId}/subscriptions`, { body });
  const n8n = await subscribe({
    targetUrl: n8nUrl,
    events: ['ai.response', 'message.failed'],
    filter: { userId: 'alice', metadata: { plan: 'pro' } },
  });
  await subscribe({ targetUrl: gone.url, ttlSeconds: 86_400 });
  expect(
    (await api(`/api/subscriptions/${n8n.body.id as string}`, { method: 'DELETE' })).status,
  ).toBe(204);
  await api('/api/webhooks/incoming', { body: { connectionId, message: 'anyone there?' } });
  await waitFor(
    async () =>
      ((await api(`/api/connections/${connectionId}/subscriptions`)).body.removed as unknown[])
        .length > 0,
    { what: 'the 410 removal' },
  );

  ({ page, watch } = await signedInPage(browser, relay));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([relay?.stop(), webhook?.close(), gone?.close()]);
});

test('an unpublished subscription reads "Paused (unpublished)", with what it takes and holds', async () => {
  await page.getByRole('link', { name: 'Support bot' }).click();
  await page.getByRole('link', { name: 'Hooks' }).click();

  const list = page.getByRole('list', { name: 'Subscriptions', exact: true });
  await list.waitFor();
  const item = (await list.getByRole('listitem').allInnerTexts()).join('\n').replace(/\s+/g, ' ');
  expect(item).toContain(n8nUrl);
  expect(item).toContain('Paused (unpublished)');
  expect(item).toContain('Events: ai.response, message.failed');
  expect(item).toContain('Only messages where userId is alice and plan is pro');
  expect(item).toContain('While unpublished: holds its replies until it subscribes again');
  const banner = page.getByRole('alert').filter({ hasText: 'Deliveries paused' });
  expect(await banner.innerText()).toContain('A paused subscription holds its replies');
  const row = page.getByRole('row').filter({ hasText: n8nUrl });
  expect(await row.innerText()).toContain('Paused (unpublished)');
});

test('a subscription the relay removed is listed with when and why', async () => {
  const removed = page.getByRole('list', { name: 'Recently removed subscriptions' });
  await removed.waitFor();
  const text = (await removed.innerText()).replace(/\s+/g, ' ');
  expect(text).toContain(gone.url);
  expect(text).toContain('its target answered 410 Gone');
  await screenshot(page, 'subscriptions-removed');
});

test('made no request outside the relay and logged no error', () => {
  expect(watch.requests.filter((url) => !url.startsWith(`${relay.baseUrl}/`))).toEqual([]);
  expect(watch.errors).toEqual([]);
});
