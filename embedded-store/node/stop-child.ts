// Plain Node APIs and no import.meta: the CommonJS test projects (n8n, Zapier) load this too.
import type { ChildProcess } from 'node:child_process';

/** Sends the signal and waits for the exit, killing the child if it takes longer than graceMs. */
export function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill(signal);
  });
}
