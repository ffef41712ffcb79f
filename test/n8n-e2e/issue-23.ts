// Issue 23's end-to-end scenarios, run inside n8n.e2e.test.ts's published-workflows block (they
// share its relay and its running n8n): (e) a trigger whose n8n was stopped until the relay
// paused it fires again after n8n restarts, with the replies held while it was down; (f) a Send
// Message whose reply takes 40 s returns it in the execution that sent it.
import type { AcceptedMessage, Delivery, OutgoingPayload, Subscription } from '@fourthchat/shared';
import type { FakeOpenAi } from '../support/fake-openai.js';
import type { Receiver } from '../support/receiver.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';
import { SLOW_WEBHOOK_PATH } from './support/long-wait-workflows.js';
import type { N8nHome, RunningN8n } from './support/n8n.js';
import type { RelayApi } from './support/relay-api.js';

export const HELD_REPORT_PATH = '/webhook/n8n-held';
export const SLOW_REPORT_PATH = '/webhook/n8n-slow';

/** An attempt's time and duration are read from two clocks, each rounded to the millisecond. */
const CLOCK_SLACK_MS = 2;

/** How long the slow reply takes: well past the relay's sync window (5 s in this run). */
const SLOW_REPLY_MS = 40_000;

export interface Issue23Context {
  api: () => RelayApi;
  ai: () => FakeOpenAi;
  receiver: () => Receiver;
  home: () => N8nHome;
  n8n: () => RunningN8n;
  restartN8n: () => Promise<void>;
  stopN8n: () => Promise<void>;
  connectionId: () => string;
  heldConnectionId: () => string;
  heldWebhookUrl: () => string;
  slowWorkflowId: string;
}

function reported<T>(receiver: Receiver, path: string): T[] {
  return receiver.requests
    .filter((request) => request.path === path)
    .map((request) => JSON.parse(request.body) as T);
}

/** Declared last in the published block: (e) stops and restarts its n8n. */
export function issue23Scenarios(ctx: Issue23Context): void {
  describe('issue 23', () => {
    scenarios(ctx);
  });
}

function scenarios(ctx: Issue23Context): void {
  async function heldSubscription(): Promise<Subscription | undefined> {
    const { data } = await ctx
      .api()
      .get<{ data: Subscription[] }>(`/api/connections/${ctx.heldConnectionId()}/subscriptions`);
    return data.find((subscription) => subscription.targetUrl === ctx.heldWebhookUrl());
  }

  /**
   * When the relay sent the reply with each content to the held trigger, with the attempt that
   * n8n answered with a 2xx (from the delivery log), and when that answer came.
   */
  async function sentTimes(contents: string[]) {
    const runs = reported<OutgoingPayload>(ctx.receiver(), HELD_REPORT_PATH);
    const { data } = await ctx
      .api()
      .get<{ data: Delivery[] }>(`/api/connections/${ctx.heldConnectionId()}/deliveries?limit=200`);
    return contents.map((content) => {
      const replyId = runs.find((run) => run.message.content === content)?.message.id;
      const delivery = data.find(
        (d) => d.messageId === replyId && d.targetUrl === ctx.heldWebhookUrl(),
      );
      const ok = delivery?.attempts.find(
        (a) => a.status !== null && a.status >= 200 && a.status < 300,
      );
      const answeredAt = ok ? Date.parse(ok.at) : Number.NaN;
      return { answeredAt, sentAt: answeredAt - (ok?.durationMs ?? 0) };
    });
  }

  const send = (message: string) =>
    ctx.api().post<AcceptedMessage>('/api/webhooks/incoming', {
      connectionId: ctx.heldConnectionId(),
      message,
      userId: 'e2e-held-user',
    });

  test(
    '(e) n8n stopped until the relay paused its trigger: after a plain restart the relay probes it and it fires again, with what was held, in order',
    async () => {
      await ctx.stopN8n();
      for (const text of ['lost 1', 'lost 2', 'lost 3']) await send(text);
      await waitFor(async () => (await heldSubscription())?.paused === true, {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: 'the relay to pause the subscription of the stopped n8n',
      });
      await send('held 1');
      await send('held 2');
      // n8n 2.x's workflow publication service (its default) registers a published workflow's
      // webhooks only when their rows are missing, so a plain restart does not run the
      // trigger's checkExists: the relay's probe (RELAY_PROBE_INTERVAL) finds n8n back.
      await ctx.restartN8n();
      const contents = () =>
        reported<OutgoingPayload>(ctx.receiver(), HELD_REPORT_PATH).map(
          (run) => run.message.content,
        );
      await waitFor(() => contents().length >= 2, {
        timeoutMs: 60_000,
        intervalMs: 250,
        what: 'n8n to run the workflow for the held replies',
      }).catch(async (error: unknown) => {
        // What the relay tried and what n8n said, for whoever reads this failure.
        const deliveries = await ctx
          .api()
          .get<unknown>(`/api/connections/${ctx.heldConnectionId()}/deliveries`);
        const subscription = await heldSubscription();
        throw new Error(
          `${String(error)}\nsubscription: ${JSON.stringify(subscription)}\n` +
            `deliveries: ${JSON.stringify(deliveries)}\nn8n: ${ctx.n8n().output().slice(-6000)}`,
        );
      });
      const live = await send('live after the restart');
      await waitFor(() => contents().length >= 3, {
        timeoutMs: 60_000,
        intervalMs: 250,
        what: `the run of ${live.messageId}`,
      });
      // n8n runs executions side by side, so the order in which they report is n8n's (the first
      // after a restart is the slowest); the order the relay promises is that of its sends.
      expect(contents().slice(0, 2).sort()).toEqual(['[ai] held 1', '[ai] held 2']);
      expect(contents()[2]).toBe('[ai] live after the restart');
      const [first, second] = await sentTimes(['[ai] held 1', '[ai] held 2']);
      expect(first?.answeredAt).toBeLessThanOrEqual((second?.sentAt ?? 0) + CLOCK_SLACK_MS);
      expect(await heldSubscription()).toMatchObject({ paused: false });
    },
    scaledMs(100_000),
  );

  test(
    '(f) a reply that takes 40 s comes back in the execution that sent the message',
    async () => {
      const ai = ctx.ai();
      const before = ai.received;
      ai.hold();
      const started = await fetch(`${ctx.n8n().baseUrl}/webhook/${SLOW_WEBHOOK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Think about this for a while' }),
      });
      expect(started.status).toBe(200);
      await waitFor(() => ai.received > before, { what: 'the relay to ask the AI' });
      const askedAt = Date.now();
      // The execution waits as n8n's Wait node does: stored as `waiting`, no request held open.
      await waitFor(
        async () =>
          (await ctx.home().executions(ctx.slowWorkflowId)).some((run) => run.status === 'waiting'),
        { timeoutMs: 60_000, intervalMs: 500, what: 'the execution to wait for the reply' },
      );
      // The slow AI: it answers 40 s after it was asked.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, askedAt + SLOW_REPLY_MS - Date.now())),
      );
      ai.release();
      const [report] = await waitFor(
        () => {
          const reports = reported<{ executionId: string; reply: OutgoingPayload }>(
            ctx.receiver(),
            SLOW_REPORT_PATH,
          );
          return reports.length > 0 && reports;
        },
        {
          timeoutMs: scaledMs(60_000),
          intervalMs: 250,
          what: 'the resumed execution to report the reply',
        },
      );
      expect(Date.now() - askedAt).toBeGreaterThanOrEqual(SLOW_REPLY_MS);
      expect(report?.reply).toMatchObject({
        connectionId: ctx.connectionId(),
        userId: 'e2e-slow-user',
        message: { role: 'assistant', content: '[ai] Think about this for a while' },
      });
      // One execution: it sent the message, waited, and was resumed with the reply.
      const finished = await waitFor(
        async () => {
          const runs = await ctx.home().executions(ctx.slowWorkflowId);
          return runs.every((run) => run.status === 'success') && runs;
        },
        { timeoutMs: 30_000, intervalMs: 250, what: 'the execution to finish' },
      );
      expect(finished).toEqual([{ id: report?.executionId, status: 'success' }]);
    },
    scaledMs(60_000) + SLOW_REPLY_MS,
  );
}
