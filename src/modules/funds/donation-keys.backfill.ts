/**
 * Gives gifts and monthly gifts saved before the top-level copies (donation-keys.ts,
 * payment-refs.ts) their `donorUserId`, `monthKey` and provider-id copies. Runs at start until it
 * has finished once (then one `_id` read); safe to repeat and to run in two processes at once:
 * each record gets the values its own fields imply, written only where they differ.
 *
 * One pass over each collection, in the database's batches, with writes in bounded batches: a
 * query for "records missing the field" is no cheaper on FerretDB (it filters in Go after reading
 * every record), so a loop of them would read the collection once per batch.
 */
import type { Model } from 'mongoose';
import { Donation } from './donation.model.js';
import { RecurringGift } from './recurring-gift.model.js';
import { FundsDataFix } from './data-fix.model.js';
import { monthKeyOf } from './donation-keys.js';
import { topLevelCopies } from './payments/index.js';
import { logger } from '../../shared/logger.js';
import { updateEach, type SetById } from '../../shared/db/update-each.js';

const log = logger.child({ module: 'donation-keys' });

/** Bump when the copies change, so every record is looked at again. */
export const DONATION_KEYS_FIX = 'donation-keys.v1';
const WRITE_BATCH = 500;

type Lean = Record<string, unknown> & { _id: { getTimestamp(): Date } };

/** The copies a record's own fields imply (pure). */
export function keysOf(doc: Lean, withMonth: boolean): Record<string, unknown> {
  const wanted: Record<string, unknown> = topLevelCopies(doc.stripe as Record<string, unknown> | undefined);
  const userId = (doc.donor as { userId?: unknown } | undefined)?.userId;
  if (userId !== null && userId !== undefined) wanted.donorUserId = userId;
  if (withMonth) {
    const created = doc.createdAt instanceof Date ? doc.createdAt : doc._id.getTimestamp();
    wanted.monthKey = monthKeyOf(created);
  }
  return wanted;
}

function changesOf(doc: Lean, wanted: Record<string, unknown>): Record<string, unknown> | undefined {
  const set = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => String(doc[k] ?? '') !== String(v)));
  return Object.keys(set).length > 0 ? set : undefined;
}

const PROJECTION = {
  donor: 1,
  createdAt: 1,
  stripe: 1,
  donorUserId: 1,
  monthKey: 1,
  stripePaymentIntentId: 1,
  stripeInvoiceId: 1,
  stripeSubscriptionId: 1,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- both models, lean records
async function fill(model: Model<any>, withMonth: boolean): Promise<number> {
  let ops: SetById[] = [];
  let changed = 0;
  const flush = async () => {
    await updateEach(model.collection, ops);
    changed += ops.length;
    ops = [];
  };
  for await (const doc of model.find({}, PROJECTION).lean<Lean>().cursor({ batchSize: 1000 })) {
    const set = changesOf(doc, keysOf(doc, withMonth));
    if (set) ops.push({ _id: doc._id as unknown as SetById['_id'], set });
    if (ops.length >= WRITE_BATCH) await flush();
  }
  await flush();
  return changed;
}

/** Fills the copies where missing (once per database); returns how many records changed. */
export async function backfillDonationKeys(options: { force?: boolean } = {}): Promise<number> {
  if (!options.force && (await FundsDataFix.exists({ _id: DONATION_KEYS_FIX }))) return 0;
  const startedAt = Date.now();
  const changed = (await fill(Donation, true)) + (await fill(RecurringGift, false));
  await FundsDataFix.updateOne({ _id: DONATION_KEYS_FIX }, { $set: { doneAt: new Date(), changed } }, { upsert: true });
  log.info({ changed, ms: Date.now() - startedAt }, 'gifts given their top-level lookup fields');
  return changed;
}
