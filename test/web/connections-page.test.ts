// The spec's setup steps done by a person in the connections page, in real headless Chromium,
// against a real relay process on the test store and a loopback receiver. The steps build on each
// other (one page, one session), in order.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { verify } from '@fourthchat/shared';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait.js';
import {
  deliveryItems,
  launchBrowser,
  openPage,
  publishScreenshot,
  screenshot,
  watchPage,
  type PageWatch,
} from './browser.js';
import { scaledMs } from '../support/time-scale.js';

// Starting the relay and the browser, and a delivery's whole retry schedule, take seconds.
jest.setTimeout(scaledMs(30_000));

let relay: RelayProcess;
let receiver: Receiver;
let browser: Browser;
let page: Page;
let watch: PageWatch;
/** What the page showed after creation. */
const shown = { incomingWebhookUrl: '', connectionId: '', secret: '' };

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${relay.baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${relay.apiKey}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The value next to a label in a definition list (Connection ID, Secret, ...). */
function valueOf(scope: Page | Locator, label: string): Locator {
  return scope.locator(`dt:text-is("${label}") + dd code`);
}

const deliveryItem = (title: string) => deliveryItems(page, title);

// Page-side expressions are strings: the test project has Node's types, not the DOM's.
async function focusedText(): Promise<string> {
  return page.locator(':focus').innerText();
}

beforeAll(async () => {
  [relay, receiver, browser] = await Promise.all([
    // First retry late enough to see "Retrying" and its next attempt time, then fail fast.
    startRelayProcess({ env: { RELAY_RETRY_SCHEDULE: `${scaledMs(3_000)}ms,500ms` } }),
    startReceiver(),
    launchBrowser(),
  ]);
  page = await openPage(browser, { viewport: { width: 1100, height: 900 } });
  watch = watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([relay?.stop(), receiver?.close()]);
});

describe('the connections page', () => {
  test('signs in with the API key, by keyboard, and keeps it for the tab only', async () => {
    await page.goto(`${relay.baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, '01-sign-in');

    await page.keyboard.type('fck_not_a_key_of_this_relay');
    await page.keyboard.press('Enter');
    const keyField = page.getByLabel('API key');
    await page.getByText('This API key was not accepted.').waitFor();
    expect(await keyField.getAttribute('aria-invalid')).toBe('true');

    await keyField.fill(relay.apiKey);
    await keyField.press('Enter');
    await page.getByRole('heading', { name: 'Chatbots', level: 1 }).waitFor();
    expect(await focusedText()).toBe('Chatbots');
    expect(page.url()).not.toContain(relay.apiKey);
    expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([relay.apiKey]);
    expect(await page.evaluate('localStorage.length')).toBe(0);

    await page.reload();
    await page.getByRole('heading', { name: 'Chatbots', level: 1 }).waitFor();
  });

  test('creates a chatbot, then a Custom Webhook connection with field-level validation', async () => {
    await page.getByText('No chatbots yet.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'New chatbot' }).click();
    await page.getByLabel('Name').fill('Support bot');
    await screenshot(page, '02-chatbots');
    await page.getByRole('button', { name: 'Create chatbot' }).click();
    await page.getByRole('heading', { name: 'Support bot', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'New Connection' }).click();
    await page.getByRole('link', { name: 'Custom Webhook' }).click();
    await page.getByRole('heading', { name: 'New Custom Webhook' }).waitFor();
    const webhookUrl = page.getByLabel('Webhook URL');
    const headers = page.getByLabel('Custom Headers');
    await webhookUrl.fill('your-webhook-url.com/webhook');
    await headers.fill('{"X-Custom-Header": 42}');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByText('Enter a full URL', { exact: false }).waitFor();
    expect(await webhookUrl.getAttribute('aria-invalid')).toBe('true');
    expect(await headers.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('The value of X-Custom-Header must be a string').count()).toBe(1);
    // Focus goes to the first field that needs attention.
    expect(await page.locator(':focus').getAttribute('name')).toBe('webhookUrl');
    await screenshot(page, '03-new-connection-errors');

    // What only the relay checks comes back as a 400 naming the field, and is shown there too.
    const name = page.getByLabel('Name');
    await name.fill('x'.repeat(201));
    await webhookUrl.fill(receiver.url);
    await headers.fill('');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.locator('.field-error:visible').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await webhookUrl.getAttribute('aria-invalid')).toBeNull();
    await name.fill('My Webhook');

    await webhookUrl.fill(receiver.url);
    await headers.fill('{"X-Custom-Header": "custom-value"}');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('heading', { name: 'Connection created' }).waitFor();
    expect(await focusedText()).toBe('Connection created');
  });

  test('shows the incoming webhook URL, the connection ID, the secret once and the curl command', async () => {
    shown.incomingWebhookUrl = await valueOf(page, 'Incoming webhook URL').innerText();
    shown.connectionId = await valueOf(page, 'Connection ID').innerText();
    shown.secret = await valueOf(page, 'Secret').innerText();
    expect(shown.incomingWebhookUrl).toBe(`${relay.baseUrl}/api/webhooks/incoming`);
    expect(shown.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    const { status, body } = await api(`/api/connections/${shown.connectionId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: shown.connectionId,
      name: 'My Webhook',
      webhookUrl: receiver.url,
      customHeaders: { 'X-Custom-Header': 'custom-value' },
      incomingWebhookUrl: shown.incomingWebhookUrl,
      enabled: true,
    });

    const curl = await page.locator('pre.command').innerText();
    expect(curl).toContain(`curl -X POST '${shown.incomingWebhookUrl}'`);
    expect(curl).toContain(`"connectionId": "${shown.connectionId}"`);
    expect(curl).toContain('Bearer YOUR_API_KEY');
    await page.getByLabel('Fill in the API key I signed in with').check();
    expect(await page.locator('pre.command').innerText()).toContain(`Bearer ${relay.apiKey}`);
    await page.getByLabel('Fill in the API key I signed in with').uncheck();

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy Connection ID' }).click();
    await page.locator('#announcer', { hasText: 'Connection ID copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(shown.connectionId);
    await screenshot(page, '04-connection-created');
  });

  test('Test sends the spec test payload, signed with the shown secret, and shows the outcome', async () => {
    await page.getByRole('button', { name: 'Test' }).click();
    const result = page.getByRole('status').filter({ hasText: 'The test payload was' });
    await result.getByText('The test payload was delivered.').waitFor();
    expect(await result.innerText()).toMatch(/Webhook URL: Delivered, HTTP 200 in \d+ ms/);

    const request = receiver.requests.at(-1);
    expect(request).toBeDefined();
    const payload = JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
    expect(payload).toEqual({
      test: true,
      message: 'This is a test webhook from your chatbot!',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      connectionId: shown.connectionId,
      connectionName: 'My Webhook',
    });
    expect(request?.headers['x-custom-header']).toBe('custom-value');
    expect(
      verify({
        body: request?.body ?? '',
        headers: request?.headers ?? {},
        secret: shown.secret,
        now: new Date(),
      }).scheme,
    ).toBe('standard-webhooks');

    await deliveryItem('Test to Webhook URL').getByText('Delivered').waitFor();
    await screenshot(page, '05-test-result');
  });

  test('a failing reply delivery is retried, shown with its next attempt, then failed with every attempt', async () => {
    receiver.respondWith(() => ({ status: 500, body: 'receiver is down' }));
    const sent = await fetch(shown.incomingWebhookUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${relay.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        connectionId: shown.connectionId,
        message: 'Hello, I need help!',
        userId: 'user-123',
      }),
    });
    expect(sent.status).toBe(202);
    await waitFor(
      async () => {
        const { body } = await api(`/api/connections/${shown.connectionId}/deliveries`);
        const deliveries = (body as { data: { kind: string; status: string }[] }).data;
        return deliveries.some((d) => d.kind === 'reply' && d.status === 'retrying');
      },
      { what: 'the reply delivery to be retrying' },
    );

    await page.getByRole('button', { name: 'Refresh' }).click();
    const reply = deliveryItem('Reply to Webhook URL');
    await reply.getByText('Retrying').waitFor();
    await reply.getByText('Next attempt at', { exact: false }).waitFor();
    await page.getByText('Updating by itself', { exact: false }).waitFor();

    // No further click: the log refreshes by itself until the delivery has failed.
    await reply.getByText('Failed', { exact: true }).waitFor({ timeout: scaledMs(15_000) });
    await reply.getByText('Attempts (3)').click();
    const attempts = reply.getByRole('listitem');
    expect(await attempts.count()).toBe(3);
    for (const text of await attempts.allInnerTexts()) {
      expect(text).toMatch(/HTTP 500 · \d+ ms/);
      expect(text).toContain('Response: receiver is down');
    }
    expect(await page.getByText('Updating by itself', { exact: false }).count()).toBe(0);
    await screenshot(page, '06-delivery-failed');
  });

  test('Redeliver sends the failed delivery again and the log shows it delivered', async () => {
    receiver.respondWith(() => ({ status: 200, body: 'ok' }));
    const before = receiver.requests.length;
    const reply = deliveryItem('Reply to Webhook URL');
    await reply.getByRole('button', { name: 'Redeliver' }).click();
    await reply.getByText('Delivered', { exact: true }).waitFor({ timeout: scaledMs(10_000) });
    await reply.getByText('Attempts (4)').waitFor();
    // The open attempt list and the focus on Redeliver survived the refreshes.
    expect(await reply.locator('details').getAttribute('open')).toBe('');
    expect(await focusedText()).toBe('Redeliver');

    const redelivered = receiver.requests.slice(before);
    expect(redelivered).toHaveLength(1);
    const payload = JSON.parse(redelivered[0]?.body ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({
      connectionId: shown.connectionId,
      message: { role: 'assistant', content: '[echo] Hello, I need help!' },
      userId: 'user-123',
    });
    publishScreenshot(await screenshot(page, '07-redelivered'), 'connections');
  });

  test('edits, disables and enables the connection', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    const name = page.getByLabel('Name');
    expect(await name.inputValue()).toBe('My Webhook');
    expect(await page.getByLabel('Custom Headers').inputValue()).toContain('"X-Custom-Header"');
    await page.getByLabel('Custom Headers').fill('{"Host": "evil.example"}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Host is set by the relay', { exact: false }).waitFor();
    await page.getByLabel('Custom Headers').fill('{"X-Custom-Header": "custom-value"}');
    await name.fill('CRM webhook');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'CRM webhook', level: 1 }).waitFor();
    expect(await focusedText()).toBe('Edit');

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Enable' }).waitFor();
    await valueOf(page, 'Connection ID').waitFor();
    await page.locator('dt:text-is("Status") + dd', { hasText: 'Disabled' }).waitFor();
    const refused = await fetch(shown.incomingWebhookUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${relay.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ connectionId: shown.connectionId, message: 'anyone there?' }),
    });
    expect(refused.status).toBe(409);
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.locator('dt:text-is("Status") + dd', { hasText: 'Enabled' }).waitFor();
    expect((await api(`/api/connections/${shown.connectionId}`)).body).toMatchObject({
      name: 'CRM webhook',
      enabled: true,
    });
  });

  test('rotates the secret after confirming, and shows the new one once', async () => {
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the secret?' });
    await dialog.waitFor();
    expect(await focusedText()).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedText()).toBe('Rotate secret');

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    const reveal = page.getByRole('region', { name: 'New secret' });
    await reveal.waitFor();
    expect(await focusedText()).toBe('New secret');
    const secret = await valueOf(reveal, 'Secret').innerText();
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(shown.secret);
    expect(await reveal.innerText()).toContain('The previous secret stays valid until');
  });

  test('lists the n8n and Zapier subscriptions of the connection', async () => {
    for (const targetUrl of [
      'https://n8n.example.com/webhook/5f1c2d/webhook',
      'https://hooks.zapier.com/hooks/standard/123/abc/',
    ]) {
      expect(
        (await api(`/api/connections/${shown.connectionId}/subscriptions`, { body: { targetUrl } }))
          .status,
      ).toBe(201);
    }
    await page.reload();
    const list = page.getByRole('list', { name: 'Subscriptions' });
    await list.waitFor();
    const items = await list.getByRole('listitem').allInnerTexts();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('n8n');
    expect(items[0]).toContain('https://n8n.example.com/webhook/5f1c2d/webhook');
    expect(items[1]).toContain('Zapier');
    // The secret is shown once: a reload of the page does not bring it back.
    expect(await page.getByRole('heading', { name: 'Connection created' }).count()).toBe(0);
    expect(await page.getByText(shown.secret).count()).toBe(0);
    await screenshot(page, '08-connection');
  });

  test('works at phone width without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'CRM webhook', level: 1 }).waitFor();
    const [scrollWidth, innerWidth] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    expect(innerWidth).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await screenshot(page, '09-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  test('deletes the connection after confirming', async () => {
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete CRM webhook?' });
    await dialog.getByRole('button', { name: 'Delete connection' }).click();
    await page.getByRole('heading', { name: 'Support bot', level: 1 }).waitFor();
    await page.getByText('No connections yet.').waitFor();
    expect((await api(`/api/connections/${shown.connectionId}`)).status).toBe(404);
  });

  test('made no request outside the relay and logged no error', () => {
    const foreign = watch.requests.filter((url) => !url.startsWith(`${relay.baseUrl}/`));
    expect(foreign).toEqual([]);
    // The browser reports the two refusals the steps caused on purpose: the wrong key (401)
    // and the name only the relay checks (400).
    const unexpected = watch.errors.filter((text) => !/status of 40[01] /.test(text));
    expect(unexpected).toEqual([]);
  });
});
