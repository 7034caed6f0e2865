/**
 * The giving pages' fund totals in memory: this process's entries count at once, another
 * process's entries are seen after its marker, and nothing is counted twice.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { LedgerEntry } from '../../src/modules/funds/ledger-entry.model.js';
import { LedgerTotals, sumsFromRows } from '../../src/modules/funds/ledger-totals.js';
import type { LedgerKind } from '../../src/modules/funds/ledger.rules.js';

const load = async () =>
  sumsFromRows(
    await LedgerEntry.aggregate<{ _id: { fundId: unknown; kind: LedgerKind }; total: number }>([
      { $group: { _id: { fundId: '$fundId', kind: '$kind' }, total: { $sum: '$amountSatang' } } },
    ]),
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fund totals kept in memory across app processes', () => {
  useTestApp();
  const fundId = new mongoose.Types.ObjectId().toString();
  let n = 0;
  /** What recordLedgerEntry does: the insert, then the writer's own totals told. */
  async function write(writer: LedgerTotals, amountSatang: number, kind: LedgerKind = 'donation') {
    n += 1;
    const key = `test:${n}`;
    await LedgerEntry.create({ kind, fundId, amountSatang, ref: key, groupId: key, idempotencyKey: key });
    writer.add({ fundId, kind, amountSatang });
  }

  it("counts its own entries at once and another process's after that one's marker", async function () {
    this.timeout(20_000);
    const here = new LedgerTotals(load);
    const there = new LedgerTotals(load);
    assert.equal((await here.get()).get(fundId), undefined);
    assert.equal((await there.get()).get(fundId), undefined);
    await write(here, 1_000_00);
    await write(here, -250_00, 'refund');
    assert.equal((await here.get()).get(fundId)?.availableSatang, 750_00, 'own entries at once');
    await write(there, 333_33);
    assert.equal((await there.get()).get(fundId)?.availableSatang, 333_33, 'its own entry, the other not seen yet');
    // Each marker is written within 0.2 s and read within 2 s; the reload runs in the background.
    const deadline = Date.now() + 10_000;
    for (const process of [here, there]) {
      while ((await process.get()).get(fundId)?.availableSatang !== 1_083_33) {
        assert.ok(Date.now() < deadline, 'the other process’s entries are seen');
        await sleep(200);
      }
      const reloaded = (await process.get()).get(fundId);
      assert.equal(reloaded?.raisedSatang, 1_333_33, 'each entry counted once after the reload');
      assert.equal(reloaded?.refundedSatang, 250_00);
    }
    here.clear();
    there.clear();
  });
});
