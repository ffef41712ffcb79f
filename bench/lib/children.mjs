// Child processes of the benchmark: started on loopback, stopped by their own pid.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export const LOOPBACK = '127.0.0.1';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last lines a child printed, for the error when it dies. */
function captureOutput(child) {
  const lines = [];
  const keep = (chunk) => {
    lines.push(chunk.toString());
    if (lines.length > 40) lines.shift();
  };
  child.stderr?.on('data', keep);
  return () => lines.join('').trim();
}

/** SIGTERM, then SIGKILL if the child has not exited after `graceMs` (the store package's helper). */
export async function stopChild(child, graceMs = 10_000) {
  // Loaded late: the benchmark builds the packages before it starts anything.
  const { stopChild: stop } = await import('@fourthchat/embedded-store');
  await stop(child, 'SIGTERM', graceMs);
}

/**
 * Starts one of bench/servers/*.mjs: each listens on a free loopback port and prints
 * `{"port": N}` as its first line.
 */
export function startNodeServer(script, { env = {}, startTimeoutMs = 15_000 } = {}) {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${script}: ${why}\n${output()}`));
    };
    const timer = setTimeout(() => fail('did not start in time'), startTimeoutMs);
    child.once('exit', (code) => fail(`exited with code ${code}`));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { port } = JSON.parse(line);
      resolve({ child, url: `http://${LOOPBACK}:${port}`, stop: () => stopChild(child) });
    });
  });
}

/** Spawns a long-running Node program and waits until `readyUrl` answers 2xx. */
export async function startNodeProgram(args, { env, readyUrl, startTimeoutMs = 30_000 }) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const output = captureOutput(child);
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.at(-1)} exited:\n${output()}`);
    const ready = await fetch(readyUrl).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { child, output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.at(-1)} was not ready within ${startTimeoutMs} ms:\n${output()}`);
}
