import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { saveSessionBeforeRedirect } from '../../../../src/shared/http/session-redirect.js';

/** A real session store whose writes take a while, as FerretDB's do under load. */
class SlowStore extends session.MemoryStore {
  written: string[] = [];
  override set(sid: string, value: session.SessionData, callback?: (err?: unknown) => void): void {
    setTimeout(() => {
      super.set(sid, value, (error?: unknown) => {
        this.written.push(JSON.stringify(value));
        callback?.(error);
      });
    }, 300);
  }
}

async function serve(withFix: boolean): Promise<{ url: string; store: SlowStore; close: () => void }> {
  const store = new SlowStore();
  const app = express();
  app.use(session({ secret: 'test', resave: false, saveUninitialized: false, store }));
  if (withFix) app.use(saveSessionBeforeRedirect);
  app.post('/save', (req, res) => {
    (req.session as unknown as { flash: string }).flash = 'draftSaved';
    res.redirect(303, '/edit');
  });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, store, close: () => server.close() };
}

/** What the store held when the redirect's headers reached the browser (which follows on headers alone). */
function storedWhenHeadersArrive(url: string, store: SlowStore): Promise<{ status: number; stored: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/save`, { method: 'POST' }, (res) => {
      resolve({ status: res.statusCode ?? 0, stored: [...store.written] });
      res.resume();
    });
    req.on('error', reject);
    req.end();
  });
}

describe('shared/http/session-redirect: the session is stored before a redirect is answered', () => {
  it('answers the redirect only once the message set before it is in the store', async () => {
    const app = await serve(true);
    try {
      const { status, stored } = await storedWhenHeadersArrive(app.url, app.store);
      assert.equal(status, 303);
      assert.equal(stored.length, 1);
      assert.match(stored[0] as string, /draftSaved/);
    } finally {
      app.close();
    }
  });

  it('is needed: without it express-session sends the headers while the store is still saving', async () => {
    const app = await serve(false);
    try {
      const { status, stored } = await storedWhenHeadersArrive(app.url, app.store);
      assert.equal(status, 303);
      assert.deepEqual(stored, []);
    } finally {
      app.close();
    }
  });
});
