/**
 * The giving pages' fund figures in memory (every account's balance): this process's entries count at once, another
 * process's entries are seen after its marker, and nothing is counted twice.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { JournalTotals } from '../../src/modules/accounting/journal-totals.js';
import { sumPostings } from '../../src/modules/accounting/journal.service.js';
import { donationReceived, refundMoved, type Movement } from '../../src/modules/accounting/movements.js';
import { bangkokMonth } from '../../src/shared/dates.js';

const load = () => sumPostings();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fund totals kept in memory across app processes', () => {
  useTestApp();
  const fundId = new mongoose.Types.ObjectId().toString();
  let n = 0;
  /** What postEntry does: the insert, then the writer's own totals told. */
  async function write(writer: JournalTotals, amountSatang: number) {
    n += 1;
    const key = `test:${n}`;
    const movement: Movement =
      amountSatang > 0 ? donationReceived(fundId, amountSatang, 'bank') : refundMoved(fundId, amountSatang, 'bank');
    const occurredAt = new Date();
    await JournalEntry.create({
      kind: movement.kind,
      postings: movement.postings,
      fundIds: [fundId],
      occurredAt,
      period: bangkokMonth(occurredAt),
      ref: key,
      groupId: key,
      idempotencyKey: key,
    });
    writer.add(movement.postings);
  }

  it("counts its own entries at once and another process's after that one's marker", async function () {
    this.timeout(20_000);
    const here = new JournalTotals(load);
    const there = new JournalTotals(load);
    assert.equal((await here.get()).get(fundId), undefined);
    assert.equal((await there.get()).get(fundId), undefined);
    await write(here, 1_000_00);
    await write(here, -250_00);
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
