/**
 * The key that signs session cookies and the links people follow without an account (receipts).
 * Production sets SESSION_SECRET (config refuses to start without it). Anywhere else, without one,
 * a random key is made once and kept in DATA_DIR/session-secret (mode 0600): sessions and emailed
 * links survive a restart, and no key printed in the source can forge them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type AppConfig } from './index.js';

export const SESSION_SECRET_FILE = 'session-secret';
const MIN_LENGTH = 32;

export type SecretSource = 'environment' | 'generated' | 'reused';

async function readSecret(file: string): Promise<string | undefined> {
  try {
    const value = (await fs.readFile(file, 'utf8')).trim();
    if (value.length < MIN_LENGTH)
      throw new ConfigError(
        `${file} holds no usable session secret: delete it to make a new one, or set SESSION_SECRET.`,
      );
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Returns the config with its session secret filled in (from SESSION_SECRET, or the DATA_DIR file,
 * made on the first start) and says which; `say` prints one line when a secret was made.
 */
export async function ensureSessionSecret(
  config: AppConfig,
  say: (line: string) => void,
): Promise<{ config: AppConfig; source: SecretSource }> {
  if (config.sessionSecret) return { config, source: 'environment' };
  const file = path.join(config.dataDir, SESSION_SECRET_FILE);
  const existing = await readSecret(file);
  if (existing) return { config: { ...config, sessionSecret: existing }, source: 'reused' };
  await fs.mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': when two processes start on one folder at once, the second reads the first one's key.
    await fs.writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readSecret(file);
    if (raced) return { config: { ...config, sessionSecret: raced }, source: 'reused' };
    throw error;
  }
  say(
    `SESSION_SECRET is not set: generated a random one and kept it in ${file} (set SESSION_SECRET to choose your own).`,
  );
  return { config: { ...config, sessionSecret: secret }, source: 'generated' };
}

let testSecret: string | undefined;

/**
 * The secret the app signs with. Tests (NODE_ENV=test) that build the app without starting the
 * server get a random key for this process; anything else must have gone through ensureSessionSecret.
 */
export function sessionSecretOf(config: AppConfig): string {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.env === 'test') return (testSecret ??= randomBytes(32).toString('base64url'));
  throw new ConfigError(
    'SESSION_SECRET is not set: start the app through src/server.ts (which keeps one in DATA_DIR) or set it.',
  );
}
