import assert from 'node:assert/strict';
import request from 'supertest';
import mongoose from 'mongoose';
import express from 'express';
import { createViewEngine } from '../../src/shared/views/engine.js';
import { errorHandler } from '../../src/shared/http/error-handler.js';
import { requestId } from '../../src/shared/http/request-id.js';
import { VIEWS_DIR } from '../../src/shared/paths.js';
import { useTestApp } from '../helpers/context.js';
import { connectDatabase } from '../../src/shared/db/connection.js';
import { runSeeds } from '../../seeds/index.js';
import { clearAllCaches } from '../../src/shared/cache.js';

describe('health and unexpected errors', () => {
  const ctx = useTestApp();

  it('answers an address of slashes as a page here, never a 500', async () => {
    for (const path of ['//', '//[', '//evil.example/x', '/\\evil.example']) {
      const res = await request(ctx.app).get(path);
      assert.ok(res.status < 500, `${path}: ${res.status}`);
      assert.doesNotMatch(res.text, /href="\/\/(?!\/)/, `${path}: no link to another host`);
    }
  });

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

    it('shows a localized 503 page at once, saying nothing is lost, with no details', async function () {
      this.timeout(20_000);
      const res = await request(ctx.app).get('/calls');
      assert.equal(res.status, 503);
      assert.equal(res.headers['retry-after'], '30');
      assert.match(res.text, /ไม่พร้อมให้บริการชั่วคราว/);
      assert.match(res.text, /เชื่อมต่อฐานข้อมูลไม่ได้ชั่วคราว ข้อมูลของท่านไม่สูญหาย/);
      assert.doesNotMatch(res.text, /MongooseError|buffering|at .*\.(ts|js):\d+/);
    });

    it('answers the API and Stripe’s webhook with a JSON 503 (Stripe delivers again later)', async function () {
      this.timeout(20_000);
      const res = await request(ctx.app).get('/api/v1/funds').set('Cookie', 'lang=en');
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'database_unavailable');
      assert.match(res.body.error.message, /cannot reach its database/);
      assert.doesNotMatch(res.text, /Mongoose|stack/);
      const hook = await request(ctx.app).post('/webhooks/stripe').set('Content-Type', 'application/json').send('{}');
      assert.equal(hook.status, 503);
    });
  });
});

describe('unexpected errors', () => {
  /** The app's own view engine and error handler behind a route that fails the way a bug would. */
  function failingApp(): express.Express {
    const app = express();
    app.engine('hbs', createViewEngine().engine);
    app.set('view engine', 'hbs');
    app.set('views', VIEWS_DIR);
    app.use(requestId);
    app.get(['/broken', '/api/v1/broken'], () => {
      throw new TypeError('cannot read properties of undefined (secret detail)');
    });
    app.use(errorHandler);
    return app;
  }

  it('shows a localized 500 page with a request id and no details', async () => {
    const res = await request(failingApp()).get('/broken');
    assert.equal(res.status, 500);
    assert.match(res.text, /ขออภัย ระบบขัดข้อง/);
    const id = res.headers['x-request-id'];
    assert.ok(id);
    assert.ok(res.text.includes(id), 'the page shows the request id');
    assert.doesNotMatch(res.text, /secret detail|TypeError|at .*\.(ts|js):\d+/);
  });

  it('answers the API with a JSON 500 and no details', async () => {
    const res = await request(failingApp()).get('/api/v1/broken?lang=en');
    assert.equal(res.status, 500);
    assert.equal(res.body.error.code, 'server_error');
    assert.match(res.body.error.message, /Sorry, something went wrong/);
    assert.equal(res.body.error.requestId, res.headers['x-request-id']);
    assert.doesNotMatch(res.text, /secret detail|TypeError|stack/);
  });
});
