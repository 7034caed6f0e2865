/**
 * Per test file: a fresh database on the shared FerretDB, the app built on it, and the job queue
 * (created, not polling, unless a test starts it). Call inside a `describe`.
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { loadConfig, type AppConfig } from '../../src/config/index.js';
import { connectDatabase } from '../../src/shared/db/connection.js';
import { createApp, type AppOptions } from '../../src/app.js';
import type { RateLimitSettings } from '../../src/shared/http/rate-limit.js';
import { createQueue, stopQueue } from '../../src/shared/queue.js';
import { defineJobs } from '../../jobs/index.js';
import { clearAllCaches } from '../../src/shared/cache.js';

export interface TestContext {
  app: Express;
  config: AppConfig;
  dbName: string;
}

export const TEST_WEBHOOK_SECRET = 'whsec_test_secret_for_signed_deliveries';

/** Config for an app that takes payments through the run's stripe-mock. */
export function stripeTestConfig(): Record<string, string> {
  const apiUrl = process.env.TEST_STRIPE_API_URL;
  if (!apiUrl) throw new Error('TEST_STRIPE_API_URL is not set: run the tests with npm test');
  return { STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_URL: apiUrl };
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3999', ...overrides });
}

/**
 * Every test request comes from one address (127.0.0.1), where production sees many people: the
 * per-address limits are lifted unless a test sets them (test/e2e/rate-limits.test.ts does).
 */
const PER_ADDRESS_LIMITS_LIFTED: Partial<RateLimitSettings> = {
  registration: { limit: 100_000, windowMs: 60_000 },
  passwordReset: { limit: 100_000, windowMs: 60_000 },
  checkout: { limit: 100_000, windowMs: 60_000 },
  checkoutEmail: { limit: 100_000, windowMs: 60_000 },
};

export function useTestApp(
  options: { config?: Record<string, string> | (() => Record<string, string>); app?: AppOptions } = {},
): TestContext {
  const ctx = {} as TestContext;
  before(async function () {
    this.timeout(60_000);
    const uri = process.env.TEST_MONGODB_URI;
    if (!uri) throw new Error('TEST_MONGODB_URI is not set: run the tests with npm test');
    ctx.dbName = `t_${randomBytes(6).toString('hex')}`;
    await connectDatabase(uri, ctx.dbName);
    const queue = createQueue({ processEvery: 200 });
    defineJobs(queue);
    ctx.config = testConfig(typeof options.config === 'function' ? options.config() : options.config);
    ctx.app = createApp(ctx.config, {
      ...options.app,
      rateLimits: { ...PER_ADDRESS_LIMITS_LIFTED, ...options.app?.rateLimits },
    });
    clearAllCaches();
  });
  after(async function () {
    this.timeout(60_000);
    await stopQueue();
    if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  });
  return ctx;
}
