/**
 * Captures what the app's pino logger writes (as a deployment at `info` would), so a test can
 * assert that a secret never reaches the log.
 */
import { pino } from 'pino';
import { logger } from '../../src/shared/logger.js';

export interface CapturedLogs {
  text(): string;
  restore(): void;
}

export function captureLogs(level = 'info'): CapturedLogs {
  const target = logger as unknown as Record<symbol, unknown>;
  const stream = target[pino.symbols.streamSym];
  const previousLevel = logger.level;
  const lines: string[] = [];
  target[pino.symbols.streamSym] = { write: (line: string) => lines.push(line) };
  logger.level = level;
  return {
    text: () => lines.join(''),
    restore() {
      target[pino.symbols.streamSym] = stream;
      logger.level = previousLevel;
    },
  };
}
