/**
 * Top-level, indexed copies of what the hot money queries filter by. FerretDB pushes only a
 * top-level equality down to PostgreSQL (and its index); a nested field (`donor.userId`) or a
 * range is filtered in Go after every gift was read and decoded: a donor's gift history took
 * about 6 s at 10,000 gifts. So gifts and monthly gifts carry
 * - `donorUserId`: a copy of `donor.userId`, kept by the hooks below on every save and update
 *   that sets the donor (no write path can forget it);
 * - `monthKey` (gifts only): the Bangkok month of `createdAt` (`2026-11`), the date the staff's
 *   list filters by, so "this fund, this month" is two equalities.
 * On MongoDB they are ordinary indexed fields. Records saved before the copies get them from
 * `backfillDonationKeys` at start (donation-keys.backfill.ts).
 */
import type { Schema } from 'mongoose';
import { bangkokDay } from '../../shared/dates.js';

/** The Bangkok calendar month of a moment: `YYYY-MM`. */
export function monthKeyOf(date: Date): string {
  return bangkokDay(date).slice(0, 7);
}

/** The one month a range lies in (both ends inclusive), or undefined when it spans more or is open. */
export function monthKeyOfRange(from: Date | undefined, to: Date | undefined): string | undefined {
  if (!from || !to) return undefined;
  const key = monthKeyOf(from);
  return monthKeyOf(to) === key ? key : undefined;
}

type Update = Record<string, unknown>;
const isNone = (value: unknown): boolean => value === null || value === undefined;

/** The `donorUserId` an update of the donor implies: `undefined` when it leaves the donor's user alone. */
function donorUserChange(update: Update): { set: unknown } | { unset: true } | undefined {
  const set = (update.$set ?? {}) as Update;
  const unset = (update.$unset ?? {}) as Update;
  if ('donor.userId' in set) return isNone(set['donor.userId']) ? { unset: true } : { set: set['donor.userId'] };
  if ('donor.userId' in unset || 'donor' in unset) return { unset: true };
  const donor = (set.donor ?? update.donor) as { userId?: unknown } | undefined;
  if (donor && typeof donor === 'object') return isNone(donor.userId) ? { unset: true } : { set: donor.userId };
  return undefined;
}

interface Keyed {
  get(path: string): unknown;
  set(path: string, value: unknown): unknown;
  isNew: boolean;
  isModified(path: string): boolean;
  markModified(path: string): void;
  _id: { getTimestamp(): Date };
}

/** Adds the copies' upkeep to a schema that has `donor.userId` (and `monthKey` when asked). */
export function keepDonationKeys(schema: Schema, options: { monthKey: boolean }): void {
  schema.pre('save', function (this: Keyed) {
    // Only what this save writes: a record loaded with a projection lacks the other fields.
    if (this.isNew || this.isModified('donor')) {
      // Written even when it looks equal: a projection may have left the stored copy unloaded.
      this.set('donorUserId', this.get('donor.userId') ?? undefined);
      this.markModified('donorUserId');
    }
    if (options.monthKey && this.isNew && !this.get('monthKey')) {
      // Timestamps are set before this hook; the id's moment is the same second for a new record.
      const created = (this.get('createdAt') as Date | undefined) ?? this._id.getTimestamp();
      this.set('monthKey', monthKeyOf(created));
    }
  });
  for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate'] as const) {
    schema.pre(op, function () {
      const update = this.getUpdate() as Update | null;
      if (!update || Array.isArray(update)) return;
      const change = donorUserChange(update);
      if (!change) return;
      if ('set' in change) update.$set = { ...((update.$set ?? {}) as Update), donorUserId: change.set };
      else update.$unset = { ...((update.$unset ?? {}) as Update), donorUserId: '' };
      this.setUpdate(update);
    });
  }
}
