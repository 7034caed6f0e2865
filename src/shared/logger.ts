/** The one pino logger; modules take a child with `logger.child({ module: 'funds' })`. */
import { pino, type Logger } from 'pino';

export type { Logger };

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');

export const logger: Logger = pino({
  level,
  base: { app: 'community-foundation' },
  redact: {
    paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie', 'headers.cookie', 'sessionSecret'],
    censor: '[redacted]',
  },
});

export function setLogLevel(next: string): void {
  logger.level = next;
}
