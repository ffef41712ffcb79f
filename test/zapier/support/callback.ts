// Runs a create as Zapier runs it live: with a callback URL the test chooses (a loopback
// receiver standing in for Zapier's callback endpoint). createAppTester always hands the app
// https://auth-json-server.zapier-staging.com/echo, a Zapier service the relay cannot reach here.
import { createAppHandler } from 'zapier-platform-core';
import { app } from './app.js';

// zapier-platform-core exports createAppHandler (src/index.js: the Lambda handler that
// createAppTester wraps) but its type declarations leave it out.
declare module 'zapier-platform-core' {
  export function createAppHandler(
    app: object,
  ): (event: object) => Promise<{ results: unknown; status?: string }>;
}

const handler = createAppHandler({ ...app, flags: { ...app.flags, skipHttpPatch: true } });

export interface LiveRun {
  /** What perform returned: Zapier keeps it as `bundle.outputData` for performResume. */
  results: unknown;
  /** `CALLBACK` when the step now waits for its callback URL. */
  status?: string;
}

export async function performLive(
  createKey: string,
  bundle: object,
  callbackUrl: string,
): Promise<LiveRun> {
  const { results, status } = await handler({
    command: 'execute',
    method: `creates.${createKey}.operation.perform`,
    bundle,
    callback_url: callbackUrl,
  });
  return { results, ...(status === undefined ? {} : { status }) };
}
