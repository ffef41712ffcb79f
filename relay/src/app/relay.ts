import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AcceptBatcher } from '../conversations/accept-batcher.js';
import { ConversationWorker } from '../conversations/conversation-worker.js';
import { DeliveryService } from '../deliveries/delivery-service.js';
import { EventHub, type RelayHub } from '../events/hub.js';
import { HealthRecorder } from '../health/health-recorder.js';
import { RelayEvents } from '../events/relay-events.js';
import { HeldDeliveries } from '../deliveries/held-deliveries.js';
import { expireSubscriptions } from '../subscriptions/subscription-expiry.js';
import { removeIfGone } from '../subscriptions/remove-subscription.js';
import { TargetPauses } from '../health/target-pauses.js';
import { TargetProbes } from '../health/target-probes.js';
import { repeatEvery } from '../jobs/repeat-every.js';
import { recoverStuckWork, startRecoverySweep } from '../conversations/recovery-sweep.js';
import { ReplyWaits } from '../conversations/reply-waits.js';
import type { Jobs } from '../jobs/jobs.js';
import { TurnDeliveries } from '../deliveries/turn-deliveries.js';
import { applyRetention } from '../jobs/retention.js';
import { createApp } from './create-app.js';
import type { RelayDeps } from '../deps.js';
import type { RelayServices } from '../routes/services.js';

export interface RunningRelay {
  services: RelayServices;
  server: Server;
  url: string;
  /** Stops accepting, gives in-flight work a grace period, and stops the jobs. */
  close(): Promise<void>;
}

/**
 * Wires the parts, starts the jobs and the HTTP server. The caller owns the store, and gives
 * the jobs that go with it (Agenda on the store's database, see main.ts; the in-process
 * runner with the memory store); close() stops them.
 */
export async function startRelay(
  deps: RelayDeps,
  { jobs, listen }: { jobs: Jobs; listen: { port: number; host: string } },
): Promise<RunningRelay> {
  const replies = new ReplyWaits(deps);
  const hub: RelayHub = new EventHub(deps.logger);
  let url = deps.settings.publicUrl ?? '';
  const publicUrl = () => deps.settings.publicUrl ?? url;
  const deliveries = new DeliveryService(
    deps,
    jobs.scheduler,
    hub,
    (id) => `${publicUrl()}/api/deliveries/${encodeURIComponent(id)}`,
  );
  const relayEvents = new RelayEvents(deps, jobs.scheduler, (id, attempt) => {
    deliveries.kick(id, attempt);
  });
  const runners = { scheduler: jobs.scheduler, deliveries };
  const held = new HeldDeliveries(deps, runners);
  const pauses = new TargetPauses(deps, relayEvents, held);
  const probes = new TargetProbes(deps, runners, pauses);
  const removals = { ...deps, events: relayEvents };
  const health = new HealthRecorder(deps, (reached) => pauses.pauseReached(reached));
  // Each attempt feeds the health figures, may raise delivery.failed, and a 410 removes its
  // subscription: none of them is known to the delivery service.
  hub.on('attemptRecorded', (recorded) => {
    health.attemptRecorded(recorded);
  });
  hub.on('attemptRecorded', (recorded) => {
    relayEvents.attemptRecorded(recorded);
  });
  hub.on('attemptRecorded', (recorded) => {
    removeIfGone(removals, recorded);
  });
  const worker = new ConversationWorker(deps, new TurnDeliveries(deps, deliveries), replies);
  const accepts = new AcceptBatcher(deps, (messages) => {
    worker.enqueue(messages, { recovered: false });
  });
  const services: RelayServices = {
    deps,
    accepts,
    worker,
    deliveries,
    hub,
    scheduler: jobs.scheduler,
    replies,
    health,
    pauses,
    relayEvents,
    publicUrl,
  };
  await jobs.start({
    attempt: (deliveryId, attempt) => deliveries.attempt(deliveryId, attempt),
    retention: () => Promise.all([applyRetention(deps), expireSubscriptions(removals)]),
  });
  health.start();
  const app = createApp(services);
  const handle = app.callback();
  const server = createServer(
    {
      // A public service: a client that dribbles its headers is dropped, not kept for minutes.
      headersTimeout: deps.settings.headersTimeoutMs,
      requestTimeout: deps.settings.headersTimeoutMs * 3,
      connectionsCheckingInterval: Math.min(1_000, deps.settings.headersTimeoutMs),
      keepAliveTimeout: 65_000,
    },
    // Koa settles each request itself (its errors go to ctx.onerror), as in app.listen();
    // the promise it returns is not ours to wait for.
    (req, res) => {
      void handle(req, res);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = listen.host === '0.0.0.0' || listen.host === '::' ? 'localhost' : listen.host;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${String(address.port)}`;
  // Work a previous process left unfinished starts now rather than at the first sweep.
  await recoverStuckWork(deps, worker);
  await held.releaseStranded();
  const recovery = startRecoverySweep(deps, worker);
  const probing = repeatEvery(
    deps.settings.probeIntervalMs,
    () => probes.probeRound(),
    (error) => {
      deps.logger.warn({ err: error }, 'probing paused targets failed; the next round tries again');
    },
  );

  return {
    services,
    server,
    url,
    async close() {
      const grace = deps.settings.deliveryTimeoutMs;
      await Promise.all([recovery.stop(), probing.stop()]);
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      // Clients waiting for a reply get their 202 now; the reply follows by webhook.
      replies.close();
      // A keep-alive connection would otherwise idle until its timeout once its response is out.
      const sweep = setInterval(() => {
        server.closeIdleConnections();
      }, 50);
      server.closeIdleConnections();
      await settleWithin(closed, grace);
      clearInterval(sweep);
      server.closeAllConnections();
      await closed;
      // An attempt in flight may finish; an AI reply that takes longer is left to the
      // next start, which takes back this instance's leases.
      await settleWithin(Promise.all([worker.drain(), held.drain(), deliveries.drain()]), grace);
      // The figures of the last attempts, and any pause they lead to.
      await settleWithin(health.stop(), grace);
      await jobs.stop();
    },
  };
}

/** Waits for `work`, but not longer than `ms`. */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work, deadline]);
  clearTimeout(timer);
}
