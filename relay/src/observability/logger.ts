import { pino, type Logger } from 'pino';

/** JSON logs; anything that could carry a key or secret is redacted by path. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'fourthchat-relay' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.secret',
          '*.apiKey',
          'secret',
          'apiKey',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
