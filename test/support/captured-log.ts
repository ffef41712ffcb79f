// A logger that keeps what the relay logs, for tests that check a line was written.
import { pino, type Logger } from 'pino';

export interface CapturedLog {
  logger: Logger;
  /** Every line so far, parsed. */
  lines: Record<string, unknown>[];
  /** The lines whose msg is `msg`. */
  find(msg: string): Record<string, unknown>[];
}

export function capturedLog(level = 'info'): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines, find: (msg) => lines.filter((line) => line.msg === msg) };
}
