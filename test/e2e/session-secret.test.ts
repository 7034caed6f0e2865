/**
 * The signing key without SESSION_SECRET: made once per data folder and kept there, never a key
 * written in the source (a receipt link signed with the old published default is refused).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { useTestApp, testConfig } from '../helpers/context.js';
import { makeUser } from '../helpers/factories.js';
import { fundMoney } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { sign } from '../../src/shared/signing.js';
import { ensureSessionSecret, SESSION_SECRET_FILE } from '../../src/config/session-secret.js';

/** How a link was signed with the constant keys the app used to fall back on. */
const OLD_PUBLIC_KEYS = ['development-only-session-secret-change-me', 'development-only-signing-secret'];
const signWith = (key: string, purpose: string, value: string) =>
  createHmac('sha256', key).update(`${purpose}:${value}`).digest('base64url').slice(0, 32);

describe('session secret', () => {
  describe('without SESSION_SECRET', () => {
    const dirs: string[] = [];
    const tempDir = async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-secret-'));
      dirs.push(dir);
      return dir;
    };
    after(async () => {
      for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
    });

    it('makes a random one on the first start, keeps it in DATA_DIR (0600), says so, and reuses it later', async () => {
      const dataDir = path.join(await tempDir(), 'data');
      const config = testConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
      assert.equal(config.sessionSecret, undefined, 'no built-in default');
      const said: string[] = [];
      const first = await ensureSessionSecret(config, (line) => said.push(line));
      assert.equal(first.source, 'generated');
      assert.match(said.join('\n'), /generated a random one and kept it in .*session-secret/);
      const file = path.join(dataDir, SESSION_SECRET_FILE);
      assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
      assert.ok((first.config.sessionSecret ?? '').length >= 32);
      assert.ok(!OLD_PUBLIC_KEYS.includes(first.config.sessionSecret ?? ''));

      const again: string[] = [];
      const second = await ensureSessionSecret(testConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }), (line) =>
        again.push(line),
      );
      assert.equal(second.source, 'reused');
      assert.equal(second.config.sessionSecret, first.config.sessionSecret);
      assert.deepEqual(again, [], 'nothing to announce on a later start');
    });

    it('gives another data folder another secret, and leaves a configured SESSION_SECRET alone', async () => {
      const a = await ensureSessionSecret(testConfig({ NODE_ENV: 'development', DATA_DIR: await tempDir() }), () => {});
      const b = await ensureSessionSecret(testConfig({ NODE_ENV: 'development', DATA_DIR: await tempDir() }), () => {});
      assert.notEqual(a.config.sessionSecret, b.config.sessionSecret);
      const dir = await tempDir();
      const set = await ensureSessionSecret(
        testConfig({ NODE_ENV: 'development', DATA_DIR: dir, SESSION_SECRET: 'a-secret-of-my-own-choosing' }),
        () => {},
      );
      assert.equal(set.source, 'environment');
      assert.equal(set.config.sessionSecret, 'a-secret-of-my-own-choosing');
      await assert.rejects(fs.stat(path.join(dir, SESSION_SECRET_FILE)), /ENOENT/);
    });

    it('refuses to start on a damaged secret file rather than signing with an empty key', async () => {
      const dir = await tempDir();
      await fs.writeFile(path.join(dir, SESSION_SECRET_FILE), 'short\n');
      await assert.rejects(
        ensureSessionSecret(testConfig({ NODE_ENV: 'development', DATA_DIR: dir }), () => {}),
        /no usable session secret/,
      );
    });
  });

  describe('signed links', () => {
    const ctx = useTestApp();
    let donationId: string;
    before(async () => {
      await runSeeds({ demoUsers: false, socialMap: false });
      await fundMoney(await makeUser({ roles: ['staff'] }), 'education', 500_00);
      donationId = String((await Donation.findOne({ status: 'paid' }).sort({ createdAt: -1 }))?._id);
    });

    it('refuses a receipt link signed with the old public default key', async () => {
      for (const key of OLD_PUBLIC_KEYS) {
        const forged = await request(ctx.app).get(
          `/receipts/${donationId}?token=${signWith(key, 'receipt', donationId)}`,
        );
        assert.equal(forged.status, 403, `a link signed with "${key}" is refused`);
      }
      const genuine = await request(ctx.app).get(`/receipts/${donationId}?token=${sign('receipt', donationId)}`);
      assert.equal(genuine.status, 200);
    });
  });
});
