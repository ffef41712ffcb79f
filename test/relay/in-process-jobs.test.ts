// The in-process job runner (what a relay on the memory store schedules with): the Jobs port of
// Agenda's adapter, its timers reckoned on the injected clock. The handlers are the test's.
import { afterEach, expect, test } from '@jest/globals';
import { pino } from 'pino';
import type { AttemptRun, JobHandlers } from '../../relay/src/jobs/jobs.js';
import { createInProcessJobs, type InProcessJobs } from '../../relay/src/jobs/in-process-jobs.js';
import { capturedLog } from '../support/captured-log.js';
import { waitFor } from '../support/wait.js';

const DAY_MS = 86_400_000;
/** A clock a day ahead of the machine's: timers on it, not on Date.now, come in ms. */
const clock = { now: () => new Date(Date.now() + DAY_MS) };
const soon = (ms = 20) => new Date(clock.now().getTime() + ms);
const started: InProcessJobs[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((jobs) => jobs.stop()));
});

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Jobs whose attempts are recorded, answering `answer` (done by default). */
function jobsWith(answer: (deliveryId: string) => Promise<AttemptRun> = () => done()) {
  const jobs = createInProcessJobs({ clock, logger: pino({ level: 'silent' }) });
  started.push(jobs);
  const attempts: string[] = [];
  const handlers: JobHandlers = {
    attempt(deliveryId, attempt) {
      attempts.push(`${deliveryId}#${String(attempt)}`);
      return answer(deliveryId);
    },
    retention: () => Promise.resolve(),
  };
  return { jobs, attempts, handlers };
}
const done = () => Promise.resolve<AttemptRun>({ state: 'done' });

test('an attempt runs at its time on the injected clock, then is no longer pending', async () => {
  const { jobs, attempts, handlers } = jobsWith();
  await jobs.start(handlers);

  await jobs.scheduler.schedule({ deliveryId: 'dlv_a', attempt: 1, at: soon() });
  expect(jobs.pending()).toEqual([{ deliveryId: 'dlv_a', attempt: 1, at: expect.any(Date) }]);

  await waitFor(() => jobs.pending().length === 0, { what: 'the attempt run' });
  expect(attempts).toEqual(['dlv_a#1']);
});

test('scheduled before start, it waits for the handlers', async () => {
  const { jobs, attempts, handlers } = jobsWith();
  await jobs.scheduler.schedule({ deliveryId: 'dlv_early', attempt: 0, at: soon(0) });
  expect(attempts).toEqual([]);

  await jobs.start(handlers);

  await waitFor(() => attempts.length === 1, { what: 'the early attempt run' });
});

test('busy elsewhere: it comes back when that claim runs out', async () => {
  let first = true;
  const { jobs, attempts, handlers } = jobsWith(() => {
    if (!first) return done();
    first = false;
    return Promise.resolve<AttemptRun>({ state: 'busy', until: soon(30) });
  });
  await jobs.start(handlers);

  await jobs.scheduler.schedule({ deliveryId: 'dlv_busy', attempt: 2, at: soon(0) });

  await waitFor(() => attempts.length === 2 && jobs.pending().length === 0, {
    what: 'the attempt made again',
  });
  expect(attempts).toEqual(['dlv_busy#2', 'dlv_busy#2']);
});

test('a failed job is logged; the others run', async () => {
  const log = capturedLog('error');
  const jobs = createInProcessJobs({ clock, logger: log.logger });
  started.push(jobs);
  const ran: string[] = [];
  await jobs.start({
    attempt(deliveryId) {
      ran.push(deliveryId);
      return deliveryId === 'dlv_bad' ? Promise.reject(new Error('boom')) : done();
    },
    retention: () => Promise.resolve(),
  });

  await jobs.scheduler.schedule({ deliveryId: 'dlv_bad', attempt: 0, at: soon(0) });
  await jobs.scheduler.schedule({ deliveryId: 'dlv_good', attempt: 0, at: soon(0) });

  await waitFor(() => jobs.pending().length === 0, { what: 'both jobs done' });
  expect(ran.sort()).toEqual(['dlv_bad', 'dlv_good']);
  expect(log.find('job failed')).toEqual([expect.objectContaining({ deliveryId: 'dlv_bad' })]);
});

test('at most 20 attempts run at once; the others wait their turn', async () => {
  const release = deferred();
  let running = 0;
  let most = 0;
  const { jobs, attempts, handlers } = jobsWith(async () => {
    running += 1;
    most = Math.max(most, running);
    await release.promise;
    running -= 1;
    return { state: 'done' };
  });
  await jobs.start(handlers);

  for (let i = 0; i < 25; i++) {
    await jobs.scheduler.schedule({ deliveryId: `dlv_${String(i)}`, attempt: 0, at: soon(0) });
  }
  await waitFor(() => attempts.length === 20, { what: '20 attempts started' });
  expect(jobs.pending()).toHaveLength(25);
  release.resolve();

  await waitFor(() => jobs.pending().length === 0, { what: 'all 25 done' });
  expect(attempts).toHaveLength(25);
  expect(most).toBe(20);
});

test('the retention runs at start', async () => {
  const jobs = createInProcessJobs({ clock, logger: pino({ level: 'silent' }) });
  started.push(jobs);
  let retentions = 0;
  await jobs.start({
    attempt: () => done(),
    retention() {
      retentions += 1;
      return Promise.resolve();
    },
  });

  await waitFor(() => retentions === 1, { what: 'the retention run' });
});

test('stop drops what is scheduled and waits for what runs', async () => {
  const release = deferred();
  const { jobs, attempts, handlers } = jobsWith(async () => {
    await release.promise;
    return { state: 'done' };
  });
  await jobs.start(handlers);
  await jobs.scheduler.schedule({ deliveryId: 'dlv_running', attempt: 0, at: soon(0) });
  await jobs.scheduler.schedule({ deliveryId: 'dlv_later', attempt: 0, at: soon(60_000) });
  await waitFor(() => attempts.length === 1, { what: 'the first attempt started' });

  let stopped = false;
  const stopping = jobs.stop().then(() => (stopped = true));
  await new Promise((resolve) => setImmediate(resolve));
  expect(stopped).toBe(false);
  release.resolve();
  await stopping;

  expect(attempts).toEqual(['dlv_running#0']);
  await jobs.scheduler.schedule({ deliveryId: 'dlv_after', attempt: 0, at: soon(0) });
  expect(jobs.pending().map((job) => job.deliveryId)).not.toContain('dlv_after');
});
