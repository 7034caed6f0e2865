import assert from 'node:assert/strict';
import { ChangeMarker, SnapshotCache, markChanged } from '../../src/shared/db/change-marker.js';
import { Organisation } from '../../src/modules/directory/organisation.model.js';
import { socialMap } from '../../src/modules/directory/organisation.service.js';
import { useTestApp } from '../helpers/context.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until the value satisfies `ok` (the refresh runs in the background), at most ~5 s. */
async function eventually<V>(read: () => Promise<V>, ok: (value: V) => boolean): Promise<V> {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (ok(value)) return value;
    await sleep(50);
  }
  return read();
}

describe('in-memory snapshots refreshed by change markers (several app processes)', function () {
  useTestApp();

  it('reloads only when the collection changed, and sees another process’s write within one check', async () => {
    let source = 'first';
    let loads = 0;
    const cache = new SnapshotCache<string>('test-snapshot', 0, async () => {
      loads += 1;
      return source;
    });
    assert.equal(await cache.get(), 'first');
    // Nothing changed: checks run (every get, as the interval is 0) but nothing reloads.
    for (let i = 0; i < 5; i += 1) {
      assert.equal(await cache.get(), 'first');
      await sleep(20);
    }
    assert.equal(loads, 1);

    // Another process writes and replaces the marker's token (it has no way to reach our memory).
    source = 'second';
    await ChangeMarker.updateOne(
      { _id: 'test-snapshot' },
      { $set: { token: 'from-another-process', at: new Date() } },
      { upsert: true },
    );
    assert.equal(
      await eventually(
        () => cache.get(),
        (v) => v === 'second',
      ),
      'second',
    );
    assert.equal(loads, 2);

    // A write in this process drops the snapshot at once: the next read already has it.
    source = 'third';
    await markChanged('test-snapshot');
    assert.equal(await cache.get(), 'third');
  });

  it('serves the old value while another process’s change reloads, and patches own writes by id', async () => {
    let source = ['a', 'b'];
    let loads = 0;
    let release: () => void = () => undefined;
    let gate = Promise.resolve();
    const patched: string[][] = [];
    const cache = new SnapshotCache<string[]>(
      'test-patch',
      0,
      async () => {
        loads += 1;
        await gate;
        return [...source];
      },
      async (value, ids) => {
        patched.push([...ids]);
        return [...value.filter((v) => !ids.includes(v)), ...ids.filter((id) => source.includes(id))];
      },
    );
    assert.deepEqual(await cache.get(), ['a', 'b']);

    // Another process's write: the reload is held up, and every read meanwhile gets the old value at once.
    gate = new Promise((resolve) => (release = resolve));
    source = ['a', 'b', 'c'];
    await ChangeMarker.updateOne(
      { _id: 'test-patch' },
      { $set: { token: 'elsewhere', at: new Date() } },
      { upsert: true },
    );
    await cache.get(); // starts the check
    for (let i = 0; i < 5; i += 1) {
      assert.deepEqual(await cache.get(), ['a', 'b'], 'the old value, not a wait');
      await sleep(20);
    }
    release();
    assert.deepEqual(
      await eventually(
        () => cache.get(),
        (v) => v.length === 3,
      ),
      ['a', 'b', 'c'],
    );
    const loadsBefore = loads;

    // Own writes with their ids: the next read has them, patched in without a full load.
    source = ['a', 'b', 'c', 'd'];
    await markChanged('test-patch', ['d']);
    assert.deepEqual(await cache.get(), ['a', 'b', 'c', 'd']);
    assert.deepEqual(patched, [['d']]);
    assert.equal(loads, loadsBefore, 'no full load for a patched write');

    // An own write without ids (a bulk update) is waited for with a full load.
    source = ['z'];
    await markChanged('test-patch');
    assert.deepEqual(await cache.get(), ['z']);
    assert.ok(loads > loadsBefore);
  });

  it('marks the organisations changed on every kind of write, so the social map shows it', async () => {
    const created = await Organisation.create({
      name: { th: 'กลุ่มทดสอบเครื่องหมาย' },
      nameKey: '90:a',
      type: 'community_group',
      roles: ['recipient'],
      home: { provinceCode: '90' },
    });
    assert.ok(
      (await socialMap()).some((c) => c.name.th === 'กลุ่มทดสอบเครื่องหมาย'),
      'create',
    );

    const before = (await ChangeMarker.findById('organisations').lean())?.token;
    await Organisation.updateOne({ _id: created._id }, { $set: { 'name.th': 'กลุ่มเปลี่ยนชื่อ' } });
    const after = (await ChangeMarker.findById('organisations').lean())?.token;
    assert.ok(before && after && before !== after, 'a query update replaces the token');
    assert.ok(
      (await socialMap()).some((c) => c.name.th === 'กลุ่มเปลี่ยนชื่อ'),
      'update',
    );

    await Organisation.insertMany([
      {
        name: { th: 'กลุ่มนำเข้า' },
        nameKey: '90:b',
        type: 'community_group',
        roles: ['giver'],
        home: { provinceCode: '90' },
      },
    ]);
    assert.ok(
      (await socialMap()).some((c) => c.name.th === 'กลุ่มนำเข้า'),
      'insertMany',
    );

    await Organisation.deleteOne({ _id: created._id });
    assert.ok(!(await socialMap()).some((c) => c.id === created._id.toString()), 'delete');
  });
});
