/**
 * One embedded database (PostgreSQL and FerretDB) for the whole test run, on a temporary folder that is
 * removed afterwards. Each test file then uses its own database on it (see context.ts). One
 * stripe-mock serves the payment tests (TEST_STRIPE_API_URL).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';

const { FERRETDB, ensureGoTool } = await import('../../src/shared/db/go-tools.js');
const { startEmbeddedDatabase } = await import('../../src/shared/db/embedded-database.js');
const { startStripeMock } = await import('./stripe-mock.js');
type Embedded = Awaited<ReturnType<typeof startEmbeddedDatabase>>;

let embedded: Embedded | undefined;
let stripeMock: Awaited<ReturnType<typeof startStripeMock>> | undefined;
let dataDir: string | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(15 * 60 * 1000);
    const binary = await ensureGoTool(FERRETDB, (line) => console.log(line));
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-test-'));
    // Throwaway data: no fsync.
    embedded = await startEmbeddedDatabase({ ferretDbBinary: binary, dataDir, durable: false });
    process.env.TEST_MONGODB_URI = embedded.uri;
    stripeMock = await startStripeMock((line) => console.log(line));
    process.env.TEST_STRIPE_API_URL = stripeMock.url;
  },
  async afterAll() {
    await stripeMock?.stop();
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  },
};
