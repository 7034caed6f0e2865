/**
 * Writes and reads the journal. Every account's balance is summed by the database once and then
 * kept up to date in memory (journal-totals.ts): this process adds its own entries, other
 * processes' entries are noticed through their markers. Decisions that spend money read fresh.
 */
import mongoose from 'mongoose';
import { JournalEntry } from './journal-entry.model.js';
import { JournalTotals } from './journal-totals.js';
import { assertBalanced, balanceKey, fundsOf, type Balances, type EntryKind } from './postings.rules.js';
import { fundTotalsFrom, type FundTotals } from './fund-view.js';
import { isAccountKey, type AccountKey } from './chart.js';
import type { Movement } from './movements.js';
import { closedThrough } from './period.service.js';
import { isDuplicateKeyError, ConflictError } from '../../shared/errors.js';
import { bangkokMonth } from '../../shared/dates.js';

/** Entries per insert when importing: small enough for FerretDB to answer quickly. */
const IMPORT_BATCH = 200;

interface BalanceRow {
  _id: { account: string; fundId?: unknown };
  total: number;
}

/** Sums of the postings of the entries `match` selects, per account and fund. */
export async function sumPostings(match: Record<string, unknown> = {}): Promise<Balances> {
  // One accumulator per $group: FerretDB v1.24 answers a second `$sum` of a field path in the same
  // stage with 0 (seen here, test/e2e/journal.test.ts), so debits and credits are summed apart.
  const sumOf = (side: 'debitSatang' | 'creditSatang') =>
    JournalEntry.aggregate<BalanceRow>([
      { $match: match },
      { $unwind: '$postings' },
      {
        $group: {
          _id: { account: '$postings.account', fundId: '$postings.fundId' },
          total: { $sum: `$postings.${side}` },
        },
      },
    ]);
  const [debits, credits] = await Promise.all([sumOf('debitSatang'), sumOf('creditSatang')]);
  const balances: Balances = new Map();
  const add = (rows: BalanceRow[], side: 'debitSatang' | 'creditSatang') => {
    for (const row of rows) {
      if (!isAccountKey(row._id.account)) continue;
      const key = balanceKey(row._id.account, row._id.fundId ? String(row._id.fundId) : undefined);
      const line = balances.get(key) ?? { debitSatang: 0, creditSatang: 0 };
      line[side] += row.total;
      balances.set(key, line);
    }
  };
  add(debits, 'debitSatang');
  add(credits, 'creditSatang');
  return balances;
}

const totals = new JournalTotals(() => sumPostings());

/**
 * A number that changes whenever the balances this process knows change (its own entries, another
 * process's seen, a reload): caches built from the journal (a fund's recent gifts, campaigns, the
 * monthly chart) reload when it moved instead of on a timer.
 */
export function journalVersion(): number {
  return totals.version;
}

const changeListeners: (() => void)[] = [];

/** Other caches built from the journal (the monthly chart) register to be dropped with it. */
export function onJournalChange(listener: () => void): void {
  changeListeners.push(listener);
}

/** Drops the balances and everything built from the journal: for writes that bypass postEntry. */
export function invalidateTotals(): void {
  totals.clear();
  for (const listener of changeListeners) listener();
}

/** Figures of every fund that has postings (funds without are absent: all zero). */
export async function allFundTotals(): Promise<Map<string, FundTotals>> {
  return totals.get();
}

/** Every account's balance to date (kept in memory), for the trial balance. */
export async function balancesToDate(): Promise<Balances> {
  return totals.balances();
}

export interface NewEntry {
  movement: Movement;
  ref: string;
  idempotencyKey: string;
  groupId?: string | undefined;
  campaignId?: string | undefined;
  memo?: string | undefined;
  /** When the money moved; now when absent. */
  occurredAt?: Date | undefined;
  recordedBy?: string | undefined;
  reverses?: string | undefined;
  /**
   * A movement dated in a closed month: `refuse` (a staff entry: they pick an open date) or
   * `book_now` (a fact reported late, such as a refund Stripe made: booked in the open month, its
   * own date kept in the memo).
   */
  inClosedMonth?: 'refuse' | 'book_now';
}

/** The month an entry dated `occurredAt` is booked in, and the date it is booked with. */
async function bookingOf(entry: NewEntry): Promise<{ occurredAt: Date; period: string; memo?: string | undefined }> {
  const occurredAt = entry.occurredAt ?? new Date();
  const period = bangkokMonth(occurredAt);
  const closed = await closedThrough();
  if (!closed || period > closed) return { occurredAt, period, memo: entry.memo };
  if ((entry.inClosedMonth ?? 'refuse') === 'refuse') {
    throw new ConflictError('accounting.errors.monthClosed', { occurredAt: { key: 'accounting.errors.monthClosed' } });
  }
  const now = new Date();
  const dated = `(${occurredAt.toISOString().slice(0, 10)})`;
  return { occurredAt: now, period: bangkokMonth(now), memo: [entry.memo, dated].filter(Boolean).join(' ') };
}

/**
 * Appends one balanced entry. Returns false when an entry with the same idempotency key exists
 * already (a retried webhook, a double click): the movement then counts once, and nothing fails.
 */
export async function postEntry(entry: NewEntry): Promise<boolean> {
  const { postings } = entry.movement;
  assertBalanced(postings);
  const booking = await bookingOf(entry);
  try {
    await JournalEntry.create({
      kind: entry.movement.kind,
      postings,
      fundIds: fundsOf(postings),
      campaignId: entry.campaignId,
      occurredAt: booking.occurredAt,
      period: booking.period,
      ref: entry.ref,
      groupId: entry.groupId ?? entry.idempotencyKey,
      idempotencyKey: entry.idempotencyKey,
      memo: booking.memo,
      recordedBy: entry.recordedBy,
      reverses: entry.reverses,
    });
  } catch (error) {
    // Written before (a retried webhook): the balances count it already.
    if (isDuplicateKeyError(error)) return false;
    // Unknown whether it landed (the connection dropped after the insert): sum everything again.
    invalidateTotals();
    throw error;
  }
  totals.add(postings);
  for (const listener of changeListeners) listener();
  return true;
}

/** Whether the entry with this idempotency key has been written (a payout paid before it failed, say). */
export async function entryExists(idempotencyKey: string): Promise<boolean> {
  return Boolean(await JournalEntry.exists({ idempotencyKey }));
}

/**
 * One fund's figures read from the journal now, bypassing memory: for decisions that spend the
 * fund's money (awards, refunds), taken under the fund's lock so nothing else moves it meanwhile.
 */
export async function fundTotalsNow(fundId: string): Promise<FundTotals> {
  const id = new mongoose.Types.ObjectId(fundId);
  return fundTotalsFrom(await sumPostings({ fundIds: id }), fundId);
}

/** Figures of one campaign's entries (its fund's money raised through it). */
export async function campaignTotals(campaignId: string, fundId: string): Promise<FundTotals> {
  return fundTotalsFrom(await sumPostings({ campaignId: new mongoose.Types.ObjectId(campaignId) }), fundId);
}

/** Debits less credits on `account` of the entries of `ref` (e.g. what was refunded of one gift). */
export async function netDebitForRef(ref: string, account: AccountKey): Promise<number> {
  const entries = await JournalEntry.find({ ref }, { postings: 1 }).lean();
  let net = 0;
  for (const e of entries) {
    for (const p of e.postings) if (p.account === account) net += p.debitSatang - p.creditSatang;
  }
  return net;
}

export interface FundMovement {
  fundId: string;
  kind: EntryKind;
  /** Signed as the entry changed the fund's available money. */
  amountSatang: number;
  occurredAt: Date;
}

/**
 * Gifts and refunds since a date, for the monthly chart (summed by month in TypeScript: FerretDB
 * v1 has no date operators).
 */
export async function giftMovementsSince(since: Date): Promise<FundMovement[]> {
  const rows = await JournalEntry.find(
    { occurredAt: { $gte: since }, kind: { $in: ['donation', 'refund'] } },
    { kind: 1, postings: 1, occurredAt: 1 },
  ).lean();
  return rows.flatMap((r) =>
    r.postings
      .filter((p) => p.account === 'donations' || p.account === 'refunds')
      .map((p) => ({
        fundId: String(p.fundId),
        kind: r.kind as EntryKind,
        amountSatang: p.creditSatang - p.debitSatang,
        occurredAt: r.occurredAt,
      })),
  );
}

/** An entry as an earlier version recorded it, for importing into the journal whole. */
export interface ImportedEntry extends Omit<NewEntry, 'inClosedMonth'> {
  occurredAt: Date;
  createdAt?: Date | undefined;
}

/**
 * Writes entries migrated from an earlier ledger, in batches, each checked as postEntry checks
 * it. Safe to repeat: an entry already imported (same idempotency key) is skipped. Returns how
 * many were new. The balances in memory are summed again afterwards.
 */
export async function importEntries(entries: readonly ImportedEntry[]): Promise<number> {
  const docs = entries.map((entry) => {
    assertBalanced(entry.movement.postings);
    return {
      kind: entry.movement.kind,
      postings: entry.movement.postings.map((p) => ({
        ...p,
        ...(p.fundId ? { fundId: new mongoose.Types.ObjectId(p.fundId) } : {}),
      })),
      fundIds: fundsOf(entry.movement.postings).map((id) => new mongoose.Types.ObjectId(id)),
      ...(entry.campaignId ? { campaignId: new mongoose.Types.ObjectId(entry.campaignId) } : {}),
      occurredAt: entry.occurredAt,
      period: bangkokMonth(entry.occurredAt),
      ref: entry.ref,
      groupId: entry.groupId ?? entry.idempotencyKey,
      idempotencyKey: entry.idempotencyKey,
      ...(entry.memo ? { memo: entry.memo } : {}),
      ...(entry.recordedBy ? { recordedBy: new mongoose.Types.ObjectId(entry.recordedBy) } : {}),
      createdAt: entry.createdAt ?? new Date(),
    };
  });
  let inserted = 0;
  for (let i = 0; i < docs.length; i += IMPORT_BATCH) {
    try {
      const result = await JournalEntry.collection.insertMany(docs.slice(i, i + IMPORT_BATCH), { ordered: false });
      inserted += result.insertedCount;
    } catch (error) {
      // Some were imported before (a start that stopped half way): the others are in.
      const failed = error as { writeErrors?: { code?: number }[]; result?: { insertedCount?: number } };
      const onlyDuplicates = failed.writeErrors?.every((e) => e.code === 11000) ?? isDuplicateKeyError(error);
      if (!onlyDuplicates) throw error;
      inserted += failed.result?.insertedCount ?? 0;
    }
  }
  invalidateTotals();
  return inserted;
}
