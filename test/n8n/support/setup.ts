import { N8nHost } from './host';
import { startRelay, type TestRelay } from './relay';
import { startScriptedRelay, type ScriptedRelay } from './scripted-relay';

/** A test file's relay and the n8n host whose credential points at it; set in `beforeAll`. */
export class Harness<R extends { credentials: N8nHost['credentials'] }> {
  relay!: R;
  host!: N8nHost;
}

function use<R extends { credentials: N8nHost['credentials'] }>(
  start: () => Promise<R>,
  stop: (relay: R) => Promise<void>,
): Harness<R> {
  const harness = new Harness<R>();
  beforeAll(async () => {
    harness.relay = await start();
    harness.host = await N8nHost.start(harness.relay.credentials);
  });
  afterAll(async () => {
    await harness.host?.close();
    if (harness.relay !== undefined) await stop(harness.relay);
  });
  // A test that switched the credential (a revoked key, an unreachable relay) leaves it switched.
  afterEach(() => {
    if (harness.relay !== undefined) harness.host.credentials = harness.relay.credentials;
  });
  return harness;
}

/** A real relay (the built relay/, `env` added to its settings) for the whole file. */
export function useRelay(env: Record<string, string> = {}): Harness<TestRelay> {
  return use(
    () => startRelay(env),
    (relay) => relay.stop(),
  );
}

/** A loopback server in the relay's place, for answers a real relay cannot be brought to. */
export function useScriptedRelay(): Harness<ScriptedRelay> {
  return use(startScriptedRelay, (relay) => relay.close());
}
