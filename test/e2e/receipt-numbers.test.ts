/**
 * Receipt numbers and the lock documents under concurrency, on the real database: numbers stay
 * 1, 2, 3… when another process hands some out meanwhile, and a gift confirmed many times at once
 * gets one receipt; the lock serialises one key within a process and between processes.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { issueReceipt } from '../../src/modules/funds/receipt.service.js';
import { Receipt } from '../../src/modules/funds/receipt.model.js';
import { receiptYear, formatReceiptNumber } from '../../src/modules/funds/receipt.rules.js';
import { Lock, LockTimeoutError, withLock } from '../../src/shared/db/lock.js';

const newId = () => new mongoose.Types.ObjectId().toString();

/** A receipt written by another app process (this one's memory of the highest number is not told). */
async function insertElsewhere(year: number, number: number): Promise<void> {
  const _id = new mongoose.Types.ObjectId();
  await Receipt.create({
    _id,
    year,
    number,
    receiptNumber: formatReceiptNumber(year, number),
    donationId: _id,
    issuedAt: new Date(),
  });
}

describe('receipt numbers and locks under concurrency', () => {
  useTestApp();
  const year = receiptYear(new Date());

  it('numbers 40 gifts confirmed at once, each several times, 1…40 with one receipt per gift', async () => {
    const gifts = Array.from({ length: 40 }, newId);
    const results = await Promise.all(
      [...gifts, ...gifts.slice(0, 15), ...gifts.slice(5, 12)].map((id) => issueReceipt(id)),
    );
    assert.equal(results.filter((r) => r.created).length, 40);
    const numbers = (await Receipt.find({ year }, { number: 1 }).lean()).map((r) => r.number).sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const again = await issueReceipt(gifts[3] as string);
    assert.equal(again.created, false);
    assert.equal(again.receiptNumber, results[3]?.receiptNumber);
  });

  it('goes on after the numbers another process handed out meanwhile, without a gap', async () => {
    for (let n = 41; n <= 77; n += 1) await insertElsewhere(year, n);
    const next = await issueReceipt(newId());
    assert.deepEqual(next, { receiptNumber: formatReceiptNumber(year, 78), created: true });
    await insertElsewhere(year, 79);
    const [a, b] = await Promise.all([issueReceipt(newId()), issueReceipt(newId())]);
    assert.deepEqual([a.receiptNumber, b.receiptNumber].sort(), [
      formatReceiptNumber(year, 80),
      formatReceiptNumber(year, 81),
    ]);
  });

  it('lets one caller at a time hold a key in this process, the others waiting their turn', async () => {
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withLock('test:one-at-a-time', async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 3));
          order.push(i);
          inside -= 1;
        }),
      ),
    );
    assert.equal(most, 1);
    assert.deepEqual(
      order,
      [...order].sort((x, y) => x - y),
      'in the order they asked',
    );
    assert.equal(await Lock.countDocuments({ _id: 'test:one-at-a-time' }), 0, 'given back');
  });

  it('waits for a lock another process holds, breaks one whose holder died, and gives up in time', async () => {
    await Lock.create({ _id: 'test:held', owner: 'elsewhere', expiresAt: new Date(Date.now() + 60_000) });
    await assert.rejects(
      withLock('test:held', async () => 'never', { waitMs: 150 }),
      (error: unknown) => error instanceof LockTimeoutError,
    );
    setTimeout(() => void Lock.deleteOne({ _id: 'test:held', owner: 'elsewhere' }).exec(), 100);
    assert.equal(await withLock('test:held', async () => 'after release', { waitMs: 5_000 }), 'after release');

    await Lock.create({ _id: 'test:stale', owner: 'crashed', expiresAt: new Date(Date.now() - 1_000) });
    assert.equal(await withLock('test:stale', async () => 'taken over', { waitMs: 1_000 }), 'taken over');
    assert.equal(await Lock.countDocuments({ _id: { $in: ['test:held', 'test:stale'] } }), 0);
  });
});
