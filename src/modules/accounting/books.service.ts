/**
 * What the accountant reads: the trial balance (every account's debits, credits and balance to
 * the end of a month, which must agree) and the general ledger (every posting of a period, for
 * the spreadsheet). Read from the database, never from memory: these are the books of record.
 */
import { JournalEntry } from './journal-entry.model.js';
import { sumPostings } from './journal.service.js';
import { ACCOUNTS, ACCOUNTS_BY_CODE, isDebitNormal, type AccountKey } from './chart.js';
import type { EntryKind } from './postings.rules.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { ValidationError } from '../../shared/errors.js';
import { bangkokMonth } from '../../shared/dates.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface TrialBalanceLine {
  account: AccountKey;
  code: string;
  fundId?: string | undefined;
  debitSatang: number;
  creditSatang: number;
  /** On the account's normal side: positive when debit-normal accounts hold debits, and so on. */
  balanceSatang: number;
}

export interface TrialBalance {
  /** The last month counted (`YYYY-MM`), or undefined for everything to date. */
  through: string | undefined;
  lines: TrialBalanceLine[];
  totalDebitSatang: number;
  totalCreditSatang: number;
  balanced: boolean;
}

function assertMonth(month: string | undefined, field: string): void {
  if (month !== undefined && !MONTH.test(month)) {
    throw new ValidationError({ [field]: { key: 'accounting.errors.month' } });
  }
}

export async function trialBalance(actor: Actor, through?: string): Promise<TrialBalance> {
  assertRole(actor, 'staff', 'admin');
  assertMonth(through, 'through');
  const balances = await sumPostings(through ? { period: { $lte: through } } : {});
  const lines: TrialBalanceLine[] = [];
  for (const account of ACCOUNTS_BY_CODE) {
    const keys = [...balances.keys()].filter((k) => k === account || k.startsWith(`${account}:`)).sort();
    for (const key of keys) {
      const line = balances.get(key) ?? { debitSatang: 0, creditSatang: 0 };
      const net = line.debitSatang - line.creditSatang;
      lines.push({
        account,
        code: ACCOUNTS[account].code,
        fundId: key.includes(':') ? key.slice(key.indexOf(':') + 1) : undefined,
        ...line,
        balanceSatang: isDebitNormal(account) ? net : 0 - net,
      });
    }
  }
  const totalDebitSatang = lines.reduce((s, l) => s + l.debitSatang, 0);
  const totalCreditSatang = lines.reduce((s, l) => s + l.creditSatang, 0);
  return { through, lines, totalDebitSatang, totalCreditSatang, balanced: totalDebitSatang === totalCreditSatang };
}

export interface LedgerRow {
  entryId: string;
  occurredAt: Date;
  period: string;
  kind: EntryKind;
  ref: string;
  memo: string;
  account: AccountKey;
  code: string;
  fundId?: string | undefined;
  debitSatang: number;
  creditSatang: number;
}

/** How many months one export may span: a year and a bit, so a file stays one a spreadsheet opens. */
export const MAX_EXPORT_MONTHS = 13;

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** Every posting booked from month `from` to month `to` (inclusive), in date order. */
export async function* generalLedger(actor: Actor, from: string, to: string): AsyncGenerator<LedgerRow> {
  assertRole(actor, 'staff', 'admin');
  assertMonth(from, 'from');
  assertMonth(to, 'to');
  // A month not yet come (2569-01 typed as a Gregorian year, say) would download an empty file.
  if (to > bangkokMonth(new Date())) throw new ValidationError({ to: { key: 'accounting.errors.future' } });
  const span = monthsBetween(from, to);
  if (span < 1 || span > MAX_EXPORT_MONTHS) {
    throw new ValidationError({ to: { key: 'accounting.errors.range', params: { months: MAX_EXPORT_MONTHS } } });
  }
  const cursor = JournalEntry.find({ period: { $gte: from, $lte: to } })
    .sort({ occurredAt: 1, _id: 1 })
    .lean()
    .cursor({ batchSize: 500 });
  try {
    for await (const entry of cursor) {
      for (const p of entry.postings) {
        yield {
          entryId: String(entry._id),
          occurredAt: entry.occurredAt,
          period: entry.period,
          kind: entry.kind as EntryKind,
          ref: entry.ref,
          memo: entry.memo ?? '',
          account: p.account as AccountKey,
          code: ACCOUNTS[p.account as AccountKey].code,
          fundId: p.fundId ? String(p.fundId) : undefined,
          debitSatang: p.debitSatang,
          creditSatang: p.creditSatang,
        };
      }
    }
  } finally {
    // A download cut short must not leave the cursor holding one of FerretDB's connections.
    await cursor.close();
  }
}
