import type {
  AcceptedMessage,
  Delivery,
  OutgoingPayload,
  Subscription,
} from '../../n8n-nodes/shared';
import { waitFor } from '../support/wait';
import { N8nHost } from './support/host';
import { triggerNode } from './support/nodes';
import { startRelay, type TestRelay } from './support/relay';
import type { PublishedTrigger } from './support/triggers';

// A real relay delivering over HTTP to published triggers in the n8n of the tests: what a
// workflow receives, and the lifecycle paths of issue 23 (paused while n8n was down, held while
// unpublished), each ending with the held replies delivered oldest first, once.
let relay: TestRelay;
let host: N8nHost;

beforeAll(async () => {
  // A subscription is paused after 2 failed deliveries, each failed after 2 quick attempts; held
  // replies are released 200 ms apart (RELAY_RECOVER_RATE), so their order shows on arrival.
  relay = await startRelay({
    RELAY_RETRY_SCHEDULE: '100ms',
    RELAY_DISABLE_AFTER: '2',
    RELAY_RECOVER_RATE: '5',
  });
  host = await N8nHost.start(relay.credentials);
});

afterAll(async () => {
  await host?.close();
  await relay?.stop();
});

afterEach(() => {
  host.down = false;
});

async function published(parameters = {}): Promise<PublishedTrigger> {
  const trigger = host.trigger(triggerNode(relay.connectionId, parameters));
  await trigger.publish();
  return trigger;
}

async function send(message: string, userId: string, metadata?: object): Promise<AcceptedMessage> {
  return await relay.api.post<AcceptedMessage>('/api/webhooks/incoming', {
    connectionId: relay.connectionId,
    message,
    userId,
    ...(metadata === undefined ? {} : { metadata }),
  });
}

/** The replies the trigger started runs with, as `[ai] <message>` texts, in order. */
function contents(trigger: PublishedTrigger): string[] {
  return trigger.runs.map((item) => (item as unknown as OutgoingPayload).message.content);
}

async function subscriptionOf(trigger: PublishedTrigger): Promise<Subscription | undefined> {
  const { data } = await relay.api.get<{ data: Subscription[] }>(
    `/api/connections/${relay.connectionId}/subscriptions`,
  );
  return data.find((subscription) => subscription.id === trigger.staticData.subscriptionId);
}

/**
 * Waits until the trigger's subscription holds `count` replies. A reply exists a moment before
 * its first attempt finds the subscription paused; one still in that moment when the workflow
 * is published again is a live reply, not a held one, and its order is not the held ones'.
 */
async function heldReplies(subscriptionId: unknown, count: number): Promise<void> {
  await waitFor(
    async () => {
      const { data } = await relay.api.get<{ data: Delivery[] }>(
        `/api/connections/${relay.connectionId}/deliveries?status=paused`,
      );
      return data.filter((d) => d.subscriptionId === subscriptionId).length === count;
    },
    // The relay's rate limit is per key, and every test of the file shares it.
    { what: `${String(count)} held replies`, intervalMs: 200 },
  );
}

describe('FourthChat Trigger, delivered to by the relay', () => {
  it('starts the workflow with the reply and its delivery', async () => {
    const trigger = await published({ filters: { userId: 'user-a' } });
    const accepted = await send('Hello trigger', 'user-a');
    const [run] = await waitFor(() => trigger.runs.length > 0 && trigger.runs, { what: 'the run' });
    expect(run).toMatchObject({
      connectionId: relay.connectionId,
      conversationId: accepted.conversationId,
      message: { role: 'assistant', content: '[echo] Hello trigger' },
      delivery: { id: expect.any(String), attempt: 1, isLastAttempt: false },
    });
  });

  it('starts only on messages that match its filters', async () => {
    const trigger = await published({
      filters: { userId: 'user-f', metadata: { entries: [{ key: 'plan', value: 'pro' }] } },
    });
    await send('other user', 'user-g', { plan: 'pro' });
    await send('other plan', 'user-f', { plan: 'free' });
    await send('matching', 'user-f', { plan: 'pro' });
    await waitFor(() => trigger.runs.length > 0, { what: 'the matching run' });
    const other = await send('after', 'user-f', { plan: 'pro' });
    await waitFor(() => trigger.runs.length > 1, { what: `the run of ${other.messageId}` });
    expect(contents(trigger)).toEqual(['[echo] matching', '[echo] after']);
  });

  it('heals after n8n was down until paused: publishing again delivers what was held, in order, once', async () => {
    const trigger = await published({ filters: { userId: 'user-down' } });
    host.down = true;
    await send('lost 1', 'user-down');
    await send('lost 2', 'user-down');
    await waitFor(async () => (await subscriptionOf(trigger))?.paused === true, {
      timeoutMs: 20_000,
      what: 'the relay to pause the subscription',
    });
    await send('held 1', 'user-down');
    await send('held 2', 'user-down');
    await send('held 3', 'user-down');
    await heldReplies(trigger.staticData.subscriptionId, 3);
    host.down = false;
    // n8n starts again with the workflow published: checkExists sees the pause, subscribe resumes.
    await trigger.publish();
    await waitFor(() => trigger.runs.length >= 3, { what: 'the held replies' });
    expect(contents(trigger)).toEqual(['[echo] held 1', '[echo] held 2', '[echo] held 3']);
    expect(await subscriptionOf(trigger)).toMatchObject({ paused: false });
  });

  it('holds the replies while unpublished and delivers them on republishing, in order, once', async () => {
    const trigger = await published({ filters: { userId: 'user-gap' } });
    // Unpublishing forgets it in the trigger; the relay keeps it, paused.
    const { subscriptionId } = trigger.staticData;
    await trigger.unpublish();
    await send('gap 1', 'user-gap');
    await send('gap 2', 'user-gap');
    await heldReplies(subscriptionId, 2);
    await trigger.publish();
    await waitFor(() => trigger.runs.length >= 2, { what: 'the held replies' });
    const fresh = await send('live', 'user-gap');
    await waitFor(() => trigger.runs.length >= 3, { what: `the reply to ${fresh.messageId}` });
    expect(contents(trigger)).toEqual(['[echo] gap 1', '[echo] gap 2', '[echo] live']);
  });
});
