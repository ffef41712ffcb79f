// What the figures were measured on: they mean little without it.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

function gitRevision() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    // Other work on the machine skews the figures; the load average at the start says how much.
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    revision: gitRevision(),
  };
}
