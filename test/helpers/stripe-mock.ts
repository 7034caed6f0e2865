/**
 * stripe-mock (Stripe's official API mock, built by `npm run tools`) on a free port, for the
 * whole test run: payment tests talk to it over HTTP exactly as the app talks to Stripe.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort } from '../../src/shared/db/embedded-ferretdb.js';
import { STRIPE_MOCK, ensureGoTool } from '../../src/shared/db/go-tools.js';

export interface RunningStripeMock {
  url: string;
  stop(): Promise<void>;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`stripe-mock exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/v1/balance`, { headers: { authorization: 'Bearer sk_test_123' } });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('stripe-mock did not start in time');
}

export async function startStripeMock(progress: (line: string) => void): Promise<RunningStripeMock> {
  const binary = await ensureGoTool(STRIPE_MOCK, progress);
  const port = await findFreePort();
  const child = spawn(binary, ['-http-port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(url, child, 30_000);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
