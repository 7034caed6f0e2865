/**
 * Moves the ledger of a database from before the journal into it, once: every old entry becomes
 * one balanced journal entry with the same idempotency key (so nothing can be booked twice), and
 * every fund's figures are compared before the move is marked done. A gift's money is taken to
 * have arrived where its channel says (online: Stripe's balance; otherwise the bank account).
 * The old `ledgerentries` collection is left as it was.
 */
import { LegacyLedgerEntry, type LegacyLedgerKind } from './ledger-legacy.model.js';
import { Donation } from './donation.model.js';
import { FundsDataFix } from './data-fix.model.js';
import {
  ZERO_TOTALS,
  allFundTotals,
  importEntries,
  movements,
  type FundTotals,
  type MoneyChannel,
  type Movement,
} from '../accounting/index.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'journal-migration' });

export const JOURNAL_FIX = 'journal.v1';

export class JournalMigrationError extends Error {
  override name = 'JournalMigrationError';
}

interface Legacy {
  kind: LegacyLedgerKind;
  fundId: string;
  amountSatang: number;
}

/** The journal's movement for one old entry (pure). */
export function movementOfLegacy(entry: Legacy, via: MoneyChannel): Movement {
  const { fundId, amountSatang: signed } = entry;
  switch (entry.kind) {
    case 'donation':
      return movements.donationReceived(fundId, signed, via);
    case 'refund':
      return movements.refundMoved(fundId, signed, via);
    case 'adjustment':
      return movements.adjustment(fundId, signed);
    case 'grant_commitment':
      return movements.grantCommitted(fundId, 0 - signed);
    case 'commitment_release':
      return movements.commitmentReleased(fundId, signed);
    case 'disbursement':
      return movements.legacyDisbursement(fundId, 0 - signed);
  }
}

/** What the old ledger said of each fund, by its own rules (signed sums per kind). */
function legacyTotals(sums: Map<string, Partial<Record<LegacyLedgerKind, number>>>): Map<string, FundTotals> {
  const out = new Map<string, FundTotals>();
  for (const [fundId, s] of sums) {
    const sum = (k: LegacyLedgerKind) => s[k] ?? 0;
    out.set(fundId, {
      raisedSatang: sum('donation'),
      refundedSatang: 0 - sum('refund'),
      feesSatang: 0,
      grantedSatang: 0 - sum('disbursement'),
      committedSatang: 0 - (sum('grant_commitment') + sum('commitment_release')),
      availableSatang: Object.values(s).reduce((a, b) => a + (b ?? 0), 0),
    });
  }
  return out;
}

const FIGURES = ['raisedSatang', 'refundedSatang', 'grantedSatang', 'committedSatang', 'availableSatang'] as const;

/** Runs the move where it has not run; returns how many entries were written. */
export async function migrateLedgerToJournal(): Promise<number> {
  if (await FundsDataFix.exists({ _id: JOURNAL_FIX })) return 0;
  const startedAt = Date.now();
  const old = await LegacyLedgerEntry.find({}).lean();
  const giftIds = old.filter((e) => e.ref.startsWith('donation:')).map((e) => e.ref.slice('donation:'.length));
  const online = new Set(
    (await Donation.find({ _id: { $in: giftIds }, channel: 'online' }, { _id: 1 }).lean()).map((d) => String(d._id)),
  );
  const sums = new Map<string, Partial<Record<LegacyLedgerKind, number>>>();
  const entries = old.map((e) => {
    const fundId = String(e.fundId);
    const kind = e.kind as LegacyLedgerKind;
    const fund = sums.get(fundId) ?? {};
    fund[kind] = (fund[kind] ?? 0) + e.amountSatang;
    sums.set(fundId, fund);
    const via: MoneyChannel = online.has(e.ref.slice('donation:'.length)) ? 'stripe' : 'bank';
    return {
      movement: movementOfLegacy({ kind, fundId, amountSatang: e.amountSatang }, via),
      ref: e.ref,
      idempotencyKey: e.idempotencyKey,
      groupId: e.groupId,
      campaignId: e.campaignId ? String(e.campaignId) : undefined,
      memo: e.memo ?? undefined,
      occurredAt: e.occurredAt,
      recordedBy: e.recordedBy ? String(e.recordedBy) : undefined,
      createdAt: (e as { createdAt?: Date }).createdAt,
    };
  });
  const written = await importEntries(entries);
  const before = legacyTotals(sums);
  const after = await allFundTotals();
  for (const [fundId, want] of before) {
    const have = after.get(fundId) ?? ZERO_TOTALS;
    const wrong = FIGURES.filter((f) => have[f] !== want[f]);
    if (wrong.length > 0) {
      throw new JournalMigrationError(
        `The ledger could not be moved into the journal: fund ${fundId} ${wrong
          .map((f) => `${f} ${want[f]} became ${have[f]}`)
          .join(', ')}. Nothing was marked done; the old ledger is untouched.`,
      );
    }
  }
  await FundsDataFix.updateOne(
    { _id: JOURNAL_FIX },
    { $set: { doneAt: new Date(), changed: written } },
    { upsert: true },
  );
  log.info(
    { entries: old.length, written, funds: before.size, ms: Date.now() - startedAt },
    'ledger moved into the journal',
  );
  return written;
}
