import { warmDirectory } from './modules/directory/index.js';
import { listFunds } from './modules/funds/index.js';
import { getFoundationDetails } from './modules/site/index.js';
import { logger } from './shared/logger.js';

const log = logger.child({ module: 'server' });

/**
 * Builds what the first pages would otherwise build while their visitor waits (the social map with
 * its orders and matching index, Thai geography, the giving menu's totals, the footer's details),
 * while the server starts to listen. A failure is logged, not fatal: the pages load it themselves then.
 */
export async function warmUp(): Promise<void> {
  const t0 = Date.now();
  try {
    await Promise.all([warmDirectory(), listFunds(), getFoundationDetails()]);
    log.info({ ms: Date.now() - t0 }, 'caches warmed');
  } catch (error) {
    log.warn({ err: error }, 'warming the caches failed; the first pages will load them');
  }
}
