/**
 * Closing a month: once the accountant has tied a month to the bank statement and closed it, no
 * entry is booked in it or any month before it; a correction goes into the open month. Each
 * closed month is one inserted document (`_id` the month), so closing is a single atomic insert
 * and two staff closing at once close it once. Months close in order, never reopen.
 */
import mongoose, { Schema } from 'mongoose';
import { assertRole, type Actor } from '../../shared/actor.js';
import { ConflictError, ValidationError, isDuplicateKeyError } from '../../shared/errors.js';
import { bangkokMonth } from '../../shared/dates.js';
import { JournalEntry } from './journal-entry.model.js';

const closedPeriodSchema = new Schema(
  {
    _id: { type: String, required: true, match: /^\d{4}-\d{2}$/ },
    closedAt: { type: Date, required: true },
    closedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { versionKey: false },
);

export const ClosedPeriod = mongoose.model('ClosedPeriod', closedPeriodSchema);

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month after `month` (`YYYY-MM`). */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The latest closed month (`YYYY-MM`), or undefined while none is. Read fresh: it guards the books. */
export async function closedThrough(): Promise<string | undefined> {
  const latest = await ClosedPeriod.find({}, { _id: 1 }).sort({ _id: -1 }).limit(1).lean();
  return latest[0]?._id;
}

/**
 * Closes `month`: only a month that has ended, and only the one after the last closed month
 * (months close in order). Returns false when it was closed already (a second click).
 */
export async function closeMonth(actor: Actor, month: string, now = new Date()): Promise<boolean> {
  assertRole(actor, 'staff', 'admin');
  if (!MONTH.test(month)) throw new ValidationError({ month: { key: 'accounting.errors.month' } });
  if (month >= bangkokMonth(now)) throw new ValidationError({ month: { key: 'accounting.errors.monthNotEnded' } });
  const last = await closedThrough();
  if (last && month <= last) return false;
  if (last && month !== nextMonth(last)) {
    throw new ConflictError('accounting.errors.closeInOrder', { month: { key: 'accounting.errors.closeInOrder' } });
  }
  try {
    await ClosedPeriod.create({ _id: month, closedAt: now, closedBy: actor.id });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** The first month with an entry (`YYYY-MM`), or undefined while the journal is empty. */
export async function firstBookedMonth(): Promise<string | undefined> {
  const first = await JournalEntry.find({}, { period: 1 }).sort({ period: 1 }).limit(1).lean();
  return first[0]?.period;
}

/** Closed months, newest first (for the books page). */
export async function closedMonths(limit = 24): Promise<{ month: string; closedAt: Date }[]> {
  const rows = await ClosedPeriod.find({}).sort({ _id: -1 }).limit(limit).lean();
  return rows.map((r) => ({ month: r._id, closedAt: r.closedAt }));
}
