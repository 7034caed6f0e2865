/**
 * Reads and writes the ledger. Fund totals for pages are summed by the database ($group) once and
 * then kept up to date in memory (ledger-totals.ts): this process adds its own entries, other
 * processes' entries are noticed through their markers. Decisions that spend money read fresh.
 */
import mongoose from 'mongoose';
import { LedgerEntry } from './ledger-entry.model.js';
import { isDuplicateKeyError } from '../../shared/errors.js';
import { withLock } from '../../shared/db/lock.js';
import { logger } from '../../shared/logger.js';
import { totalsFromSums, type FundTotals, type LedgerKind } from './ledger.rules.js';
import { LedgerTotals, sumsFromRows } from './ledger-totals.js';

const log = logger.child({ module: 'ledger' });

const totals = new LedgerTotals(async () =>
  sumsFromRows(
    await LedgerEntry.aggregate<{ _id: { fundId: unknown; kind: LedgerKind }; total: number }>([
      { $group: { _id: { fundId: '$fundId', kind: '$kind' }, total: { $sum: '$amountSatang' } } },
    ]),
  ),
);

/**
 * A number that changes whenever the totals this process knows change (its own entries, another
 * process's seen, a reload): caches built from the ledger (a fund's recent gifts, campaigns, the
 * monthly chart) reload when it moved instead of on a timer.
 */
export function ledgerVersion(): number {
  return totals.version;
}

const changeListeners: (() => void)[] = [];

/** Other caches built from the ledger (the monthly chart) register to be dropped with it. */
export function onLedgerChange(listener: () => void): void {
  changeListeners.push(listener);
}

/** Drops the totals and everything built from the ledger: for writes that bypass recordLedgerEntry. */
export function invalidateTotals(): void {
  totals.clear();
  for (const listener of changeListeners) listener();
}

/** Totals of every fund that has entries (funds without entries are absent: all zero). */
export async function allFundTotals(): Promise<Map<string, FundTotals>> {
  return totals.get();
}

export interface NewLedgerEntry {
  kind: LedgerKind;
  fundId: string;
  campaignId?: string | undefined;
  /** Signed, as the entry changes the fund's available balance. */
  amountSatang: number;
  ref: string;
  idempotencyKey: string;
  groupId?: string;
  memo?: string | undefined;
  occurredAt?: Date;
  recordedBy?: string | undefined;
}

/**
 * Appends one entry. Returns false when an entry with the same idempotency key exists already
 * (a retried webhook, a double click): the movement then counts once, and nothing fails.
 */
export async function recordLedgerEntry(entry: NewLedgerEntry): Promise<boolean> {
  if (!Number.isSafeInteger(entry.amountSatang) || entry.amountSatang === 0) {
    throw new TypeError(`a ledger entry needs a non-zero whole number of satang, got ${entry.amountSatang}`);
  }
  try {
    await LedgerEntry.create({ ...entry, groupId: entry.groupId ?? entry.idempotencyKey });
  } catch (error) {
    // Written before (a retried webhook): the totals count it already.
    if (isDuplicateKeyError(error)) return false;
    // Unknown whether it landed (the connection dropped after the insert): sum everything again.
    invalidateTotals();
    throw error;
  }
  totals.add(entry);
  for (const listener of changeListeners) listener();
  return true;
}

/**
 * One fund's totals read from the ledger now, bypassing the cache: for decisions that spend the
 * fund's money (awards), taken under the fund's lock so no other award moves it meanwhile.
 */
export async function fundTotalsNow(fundId: string): Promise<FundTotals> {
  const rows = await LedgerEntry.aggregate<{ _id: LedgerKind; total: number }>([
    { $match: { fundId: new mongoose.Types.ObjectId(fundId) } },
    { $group: { _id: '$kind', total: { $sum: '$amountSatang' } } },
  ]);
  return totalsFromSums(Object.fromEntries(rows.map((r) => [r._id, r.total])));
}

/** The signed sum of a reference's entries of the given kinds (e.g. what was refunded of one gift). */
export async function sumForRef(ref: string, kinds: readonly LedgerKind[]): Promise<number> {
  const entries = await LedgerEntry.find({ ref, kind: { $in: kinds } }, { amountSatang: 1 }).lean();
  return entries.reduce((sum, e) => sum + e.amountSatang, 0);
}

/** Totals of one campaign's entries (its fund's money raised through it). */
export async function campaignTotals(campaignId: string): Promise<FundTotals> {
  const rows = await LedgerEntry.aggregate<{ _id: LedgerKind; total: number }>([
    { $match: { campaignId: new mongoose.Types.ObjectId(campaignId) } },
    { $group: { _id: '$kind', total: { $sum: '$amountSatang' } } },
  ]);
  return totalsFromSums(Object.fromEntries(rows.map((r) => [r._id, r.total])));
}

export interface LedgerMovement {
  fundId: string;
  kind: LedgerKind;
  amountSatang: number;
  occurredAt: Date;
}

/**
 * Gifts and refunds since a date, for the monthly chart (summed by month in TypeScript: FerretDB v1 has no date
 * operators).
 */
export async function movementsSince(since: Date): Promise<LedgerMovement[]> {
  const rows = await LedgerEntry.find(
    { occurredAt: { $gte: since }, kind: { $in: ['donation', 'refund'] } },
    { fundId: 1, kind: 1, amountSatang: 1, occurredAt: 1 },
  ).lean();
  return rows.map((r) => ({
    fundId: String(r.fundId),
    kind: r.kind as LedgerKind,
    amountSatang: r.amountSatang,
    occurredAt: r.occurredAt,
  }));
}

/** How a debit that the fund cannot cover is treated. */
export type DebitPolicy =
  /** Refused: staff decisions (corrections, manual refunds, awards) may not spend money the fund does not have. */
  | { kind: 'refuse'; error: (availableSatang: number) => Error }
  /** Booked anyway with a warning: money that has already left (a refund Stripe made) is a fact. */
  | { kind: 'record' };

/**
 * The one guard for money leaving a fund: under the fund's lock (`fund:<id>`, the key awards
 * use too), the fund's balance is read fresh and `work` (which writes the debit) runs only if
 * the fund can cover `amountSatang`. Callers holding a gift's lock take this one inside it,
 * never the other way round, so two debits can never wait on each other.
 * It checks the available balance, not the endowment's spendable part (ledger.rules.ts
 * spendableSatang, which only awards are held to): a refund takes its principal with it, and a
 * correction may be to the principal itself.
 */
export async function withFundDebit<T>(
  fundId: string,
  amountSatang: number,
  policy: DebitPolicy,
  work: () => Promise<T>,
): Promise<T> {
  return withLock(`fund:${fundId}`, async () => {
    const { availableSatang } = await fundTotalsNow(fundId);
    if (amountSatang > availableSatang) {
      if (policy.kind === 'refuse') throw policy.error(availableSatang);
      log.warn({ fundId, amountSatang, availableSatang }, 'a debit that already happened takes the fund below zero');
    }
    return work();
  });
}
