import assert from 'node:assert/strict';
import { LoadingCache } from '../../../src/shared/cache.js';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LoadingCache', () => {
  it('shares one load between concurrent callers', async () => {
    const cache = new LoadingCache<number>(1_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await tick();
      return 42;
    };
    const values = await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    assert.deepEqual(values, [42, 42, 42]);
    assert.equal(loads, 1);
    assert.equal(await cache.get('k', load), 42);
    assert.equal(loads, 1, 'served from memory within the TTL');
  });

  it('serves a stale value while one reload runs, then the new one', async () => {
    const cache = new LoadingCache<number>(10);
    let value = 1;
    const load = async () => {
      await tick();
      return value;
    };
    assert.equal(await cache.get('k', load), 1);
    value = 2;
    await tick(20);
    assert.equal(await cache.get('k', load), 1, 'stale, while reloading');
    await tick(20);
    assert.equal(await cache.get('k', load), 2);
  });

  it('forgets everything on clear, even a load that was running', async () => {
    const cache = new LoadingCache<number>(1_000);
    const slow = cache.get('k', async () => {
      await tick(20);
      return 1;
    });
    cache.clear();
    assert.equal(await cache.get('k', async () => 2), 2);
    assert.equal(await slow, 1, 'the old caller still gets its answer');
    assert.equal(await cache.get('k', async () => 3), 2, 'but it was not kept over the newer value');
  });

  it('does not keep failures', async () => {
    const cache = new LoadingCache<number>(1_000);
    await assert.rejects(cache.get('k', () => Promise.reject(new Error('down'))));
    assert.equal(await cache.get('k', async () => 7), 7);
  });
});
