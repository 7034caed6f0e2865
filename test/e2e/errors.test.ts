import assert from 'node:assert/strict';
import request from 'supertest';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { connectDatabase } from '../../src/shared/db/connection.js';
import { runSeeds } from '../../seeds/index.js';
import { clearAllCaches } from '../../src/shared/cache.js';

describe('health and unexpected errors', () => {
  const ctx = useTestApp();

  it('reports health at /healthz', async () => {
    const res = await request(ctx.app).get('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok', db: 'up' });
  });

  describe('with the database gone', () => {
    before(async () => {
      await runSeeds({ demoUsers: false, socialMap: false });
      await mongoose.disconnect();
      clearAllCaches();
    });
    after(async function () {
      this.timeout(30_000);
      await connectDatabase(process.env.TEST_MONGODB_URI as string, ctx.dbName);
    });

    it('says so at /healthz with a 503', async () => {
      const res = await request(ctx.app).get('/healthz');
      assert.equal(res.status, 503);
      assert.deepEqual(res.body, { status: 'error', db: 'down' });
    });

    it('shows a localized 500 page with a request id and no details', async function () {
      this.timeout(20_000);
      const res = await request(ctx.app).get('/');
      assert.equal(res.status, 500);
      assert.match(res.text, /ขออภัย ระบบขัดข้อง/);
      const id = res.headers['x-request-id'];
      assert.ok(id);
      assert.ok(res.text.includes(id), 'the page shows the request id');
      assert.doesNotMatch(res.text, /MongooseError|buffering|at .*\.(ts|js):\d+/);
    });

    it('answers the API with a JSON 500 and no details', async function () {
      this.timeout(20_000);
      const res = await request(ctx.app).get('/api/v1/funds').set('Cookie', 'lang=en');
      assert.equal(res.status, 500);
      assert.equal(res.body.error.code, 'server_error');
      assert.match(res.body.error.message, /Sorry, something went wrong/);
      assert.equal(res.body.error.requestId, res.headers['x-request-id']);
      assert.doesNotMatch(res.text, /Mongoose|stack/);
    });
  });
});
