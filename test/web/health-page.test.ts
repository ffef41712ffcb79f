// Endpoint health on the connections page (#14), in real headless Chromium against a real relay
// process and loopback receivers: a webhook URL that keeps failing is paused by the relay, the
// page shows it, resumes it and recovers what it missed. The steps build on each other, in order.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Connection, Delivery, TargetHealth } from '@fourthchat/shared';
import { apiClient, type ApiCall } from '../support/api-client.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';
import {
  deliveryItems,
  launchBrowser,
  publishScreenshot,
  screenshot,
  signedInPage,
  type PageWatch,
} from './browser.js';

// Starting the relay and the browser, and several deliveries with their retries, take seconds.
jest.setTimeout(scaledMs(30_000));

/** Two failed deliveries in a row pause a target here (the default is 100, or 5 days). */
const DISABLE_AFTER = 2;
const CONNECTION = 'Health hook';

let relay: RelayProcess;
let api: ApiCall;
/** The connection's webhook URL: failing until the recover. */
let webhook: Receiver;
/** A subscription that also hears about the pause. */
let hook: Receiver;
let browser: Browser;
let page: Page;
let watch: PageWatch;
let connectionId = '';
/** When the webhook URL started failing, as the relay said while it was paused. */
let failingSince = '';
/** The recover window as typed into the page (local datetime-local values). */
const recovered = { since: '', until: '' };

async function send(message: string): Promise<void> {
  const sent = await api('/api/webhooks/incoming', { body: { connectionId, message } });
  expect(sent.status).toBe(202);
}

async function deliveries(): Promise<Delivery[]> {
  return (await api(`/api/connections/${connectionId}/deliveries`)).body.data as Delivery[];
}

async function webhookHealth(): Promise<TargetHealth> {
  const connection = (await api(`/api/connections/${connectionId}`)).body as Connection;
  const health = connection.health[0];
  if (health?.target.kind !== 'webhook') throw new Error('the webhook URL is not first');
  return health;
}

function waitForWebhook(done: (health: TargetHealth) => boolean, what: string) {
  return waitFor(
    async () => {
      const health = await webhookHealth();
      return done(health) ? health : undefined;
    },
    { what },
  );
}

/** The compact indicator of the connections list, as text. */
function targetsOnList(): Locator {
  return page.getByRole('list', { name: `Delivery targets of ${CONNECTION}` });
}

function healthRow(target: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: target }) });
}

const deliveryItem = (title: string) => deliveryItems(page, title);

/** A datetime-local value in this machine's time zone, which the browser shares. */
function localMinute(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

beforeAll(async () => {
  [relay, webhook, hook, browser] = await Promise.all([
    startRelayProcess({
      env: { RELAY_DISABLE_AFTER: `5d,${String(DISABLE_AFTER)}`, RELAY_RETRY_SCHEDULE: '200ms' },
    }),
    startReceiver(() => ({ status: 500, body: 'crm is down' })),
    startReceiver(),
    launchBrowser(),
  ]);
  api = apiClient(relay.baseUrl, relay.apiKey);
  const chatbot = await api('/api/chatbots', { body: { name: 'Support bot' } });
  const connection = await api(`/api/chatbots/${chatbot.body.id as string}/connections`, {
    body: { name: CONNECTION, webhookUrl: webhook.url },
  });
  connectionId = connection.body.id as string;
  const subscription = await api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: hook.url, events: ['ai.response', 'target.paused'] },
  });
  expect(subscription.status).toBe(201);

  ({ page, watch } = await signedInPage(browser, relay));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([relay?.stop(), webhook?.close(), hook?.close()]);
});

describe('endpoint health on the connections page', () => {
  test('the connections list shows each target unused, then failing and healthy, in words', async () => {
    await page.getByRole('link', { name: 'Support bot' }).click();
    expect(await targetsOnList().innerText()).toMatch(
      /Webhook URL\s+Unused\s+REST hook subscription\s+Unused/,
    );

    await send('first try');
    await waitForWebhook((h) => h.consecutiveFailures === 1, 'the first failed delivery');
    await page.reload();
    await targetsOnList().getByText('Failing (1 in a row)').waitFor();
    expect(await targetsOnList().innerText()).toMatch(
      /Webhook URL\s+Failing \(1 in a row\)\s+REST hook subscription\s+Healthy/,
    );
  });

  test('a target the relay paused shows on the list, and on its page in a banner that says since when and why', async () => {
    await send('second try');
    const paused = await waitForWebhook((h) => h.state === 'paused', 'the webhook URL to pause');
    failingSince = paused.failingSince ?? 'missing';
    await page.reload();
    await targetsOnList().getByText('Paused').waitFor();

    await page.getByRole('link', { name: CONNECTION }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'Deliveries paused' });
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain(`Webhook URL ${webhook.url} is paused since`);
    expect(text).toContain(paused.paused?.reason ?? 'a reason');
    expect(text).toContain('Resuming sends nothing by itself');
    expect(await banner.getByRole('button', { name: 'Resume Webhook URL' }).count()).toBe(1);

    const row = await healthRow('Webhook URL').innerText();
    expect(row).toContain('Paused');
    expect(row).toContain('0 % of'); // every attempt failed
    expect(row).toContain('HTTP 500');
    expect((await healthRow('REST hook subscription').innerText()).replace(/\s+/g, ' ')).toMatch(
      /Events: ai\.response, target\.paused Healthy 100 %/,
    );
  });

  test('a reply to the paused target is recorded as paused and not sent; the subscription hears of the pause', async () => {
    const before = webhook.requests.length;
    await send('third try');
    await waitFor(
      async () => (await deliveries()).some((d) => d.status === 'paused' && !d.subscriptionId),
      { what: 'a paused delivery' },
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    const paused = deliveryItem('Reply to Webhook URL').filter({ hasText: 'Paused' });
    await paused.waitFor();
    expect(await paused.innerText()).toContain('Not sent while its target is paused');
    await deliveryItem('Event target.paused to REST hook subscription')
      .getByText('Delivered', { exact: true })
      .waitFor();
    expect(webhook.requests.length).toBe(before);
    publishScreenshot(await screenshot(page, 'health-paused'), 'connection-health');
  });

  test('Recover refuses a paused target before counting: resume it first', async () => {
    await page.getByRole('button', { name: 'Recover failed deliveries' }).click();
    expect(await page.getByRole('combobox', { name: 'Target' }).inputValue()).toBe('webhook');
    const requests = watch.requests.length;
    await page.getByRole('button', { name: 'Recover…' }).click();
    await page.getByText('Webhook URL is paused: resume it first, then recover.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Target' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    // Refused before counting: there is nothing a paused target could be sent.
    expect(watch.requests.slice(requests).filter((url) => url.includes('/recover'))).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  test('Resume takes the banner away, sends nothing by itself and leads to Recover', async () => {
    const before = webhook.requests.length;
    await page.getByRole('button', { name: 'Resume Webhook URL' }).click();
    await page.getByRole('alert').filter({ hasText: 'Deliveries paused' }).waitFor({
      state: 'detached',
    });
    await page
      .locator('#announcer', { hasText: 'Webhook URL resumed. Nothing was sent' })
      .waitFor();
    expect(await page.locator(':focus').innerText()).toBe('Recover failed deliveries');
    expect((await webhookHealth()).state).not.toBe('paused');
    // The relay counts failures afresh after a resume; the last delivery still failed.
    const row = await healthRow('Webhook URL').innerText();
    expect(row).toContain('Failing');
    expect(row).not.toContain('Paused');

    await page.getByRole('button', { name: 'Refresh' }).click();
    await deliveryItem('Reply to Webhook URL').filter({ hasText: 'Paused' }).waitFor();
    expect((await deliveries()).filter((d) => d.status === 'paused')).toHaveLength(1);
    expect(webhook.requests.length).toBe(before);
  });

  test('Recover shows the count first, then queues exactly that and the target is healthy again', async () => {
    webhook.respondWith(() => ({ status: 200, body: 'ok' }));
    const before = webhook.requests.length;
    await page.getByRole('button', { name: 'Recover failed deliveries' }).click();
    // Preset: from when the target started failing (the page remembers it across the resume).
    recovered.since = await page.getByLabel('Since').inputValue();
    expect(recovered.since).toBe(localMinute(new Date(failingSince)));
    // A window with an end of its own, so the next test can name the same one again.
    recovered.until = localMinute(new Date(Date.now() + 10 * 60_000));
    await page.getByLabel('Until').fill(recovered.until);
    await page.getByRole('button', { name: 'Recover…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Re-send 3 failed deliveries/ });
    await dialog.waitFor();
    expect(await page.locator(':focus').innerText()).toBe('Cancel');
    expect(await dialog.innerText()).toMatch(/at up to \d+\/s/);
    publishScreenshot(await screenshot(page, 'health-recover'), 'recover');

    await dialog.getByRole('button', { name: 'Re-send 3' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued 3 deliveries' }).waitFor();
    await waitFor(() => webhook.requests.length - before >= 3, {
      what: 'the three recovered deliveries',
    });
    await waitForWebhook((h) => h.state === 'healthy', 'the webhook URL to be healthy');
    await healthRow('Webhook URL').getByText('Healthy').waitFor();
    expect(webhook.requests.length - before).toBe(3);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await waitFor(
      async () =>
        (await deliveryItem('Reply to Webhook URL').allInnerTexts()).every((t) =>
          t.includes('Delivered'),
        ),
      { what: 'every reply to the webhook URL to show Delivered' },
    );
  });

  test('the same window again is answered "already recovered", and nothing is sent', async () => {
    webhook.respondWith(() => ({ status: 500, body: 'crm is down again' }));
    await send('fourth try');
    await waitForWebhook((h) => h.consecutiveFailures === 1, 'a new failed delivery');
    const before = webhook.requests.length;
    await page.getByRole('button', { name: 'Recover failed deliveries' }).click();
    // Named in full, as the first time: the target preset follows health the page has shown.
    await page.getByRole('combobox', { name: 'Target' }).selectOption('webhook');
    await page.getByLabel('Since').fill(recovered.since);
    await page.getByLabel('Until').fill(recovered.until);
    await page.getByRole('button', { name: 'Recover…' }).click();
    // The new failure is in the window, but the window was recovered once already.
    const dialog = page.getByRole('dialog', { name: /^Re-send 1 failed deliveries/ });
    await dialog.getByRole('button', { name: 'Re-send 1' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Already recovered: this window was recovered before (3 deliveries' })
      .waitFor();
    expect(webhook.requests.length).toBe(before);
    expect((await deliveries()).filter((d) => d.status === 'failed')).toHaveLength(1);
  });

  test('works at phone width: the health table scrolls in its own box, not the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const [scrollWidth, innerWidth] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  test('made no request outside the relay and logged no error', () => {
    expect(watch.requests.filter((url) => !url.startsWith(`${relay.baseUrl}/`))).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
