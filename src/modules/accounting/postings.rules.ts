/**
 * What makes a journal entry valid, pure: every posting is one side of a whole number of satang,
 * names a fund exactly when its account is kept per fund, and the entry's debits equal its
 * credits. An entry that fails is never written (JournalEntry's schema checks it again).
 */
import { ACCOUNTS, isAccountKey, isFundAccount, type AccountKey } from './chart.js';

export interface Posting {
  account: AccountKey;
  /** The fund, on accounts kept per fund (chart.ts `byFund`); absent on the others. */
  fundId?: string | undefined;
  debitSatang: number;
  creditSatang: number;
}

/** What an entry records, for the general ledger and the filters on it. */
export const ENTRY_KINDS = [
  'donation',
  'refund',
  'fee',
  'payout',
  'payout_failed',
  'grant_commitment',
  'commitment_release',
  'grant_payment',
  /** Before the journal: a payment was two ledger entries (this and a commitment_release). */
  'disbursement',
  'adjustment',
  'investment_result',
  'reversal',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export class UnbalancedEntryError extends Error {
  constructor(reason: string) {
    super(`not a valid journal entry: ${reason}`);
    this.name = 'UnbalancedEntryError';
  }
}

const isAmount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export function debit(account: AccountKey, amountSatang: number, fundId?: string): Posting {
  return { account, ...(fundId ? { fundId } : {}), debitSatang: amountSatang, creditSatang: 0 };
}

export function credit(account: AccountKey, amountSatang: number, fundId?: string): Posting {
  return { account, ...(fundId ? { fundId } : {}), debitSatang: 0, creditSatang: amountSatang };
}

/** Throws UnbalancedEntryError unless `postings` make one valid entry. */
export function assertBalanced(postings: readonly Posting[]): void {
  if (postings.length < 2) throw new UnbalancedEntryError('an entry needs at least two postings');
  let debits = 0;
  let credits = 0;
  for (const p of postings) {
    if (!isAccountKey(p.account)) throw new UnbalancedEntryError(`unknown account ${String(p.account)}`);
    if (!isAmount(p.debitSatang) || !isAmount(p.creditSatang)) {
      throw new UnbalancedEntryError(`${p.account}: amounts must be whole, non-negative satang`);
    }
    if ((p.debitSatang === 0) === (p.creditSatang === 0)) {
      throw new UnbalancedEntryError(`${p.account}: a posting is either a debit or a credit`);
    }
    if (isFundAccount(p.account) !== Boolean(p.fundId)) {
      const needs = isFundAccount(p.account) ? 'needs a fund' : 'is the foundation’s, not a fund’s';
      throw new UnbalancedEntryError(`${ACCOUNTS[p.account].code} ${p.account} ${needs}`);
    }
    debits += p.debitSatang;
    credits += p.creditSatang;
  }
  if (!Number.isSafeInteger(debits) || debits !== credits) {
    throw new UnbalancedEntryError(`debits ${debits} ≠ credits ${credits}`);
  }
}

/** The funds an entry touches, for looking entries up by fund. */
export function fundsOf(postings: readonly Posting[]): string[] {
  return [...new Set(postings.flatMap((p) => (p.fundId ? [p.fundId] : [])))];
}

/** The same movement undone: every debit a credit and every credit a debit. */
export function reversed(postings: readonly Posting[]): Posting[] {
  return postings.map((p) => ({ ...p, debitSatang: p.creditSatang, creditSatang: p.debitSatang }));
}

/** Sums of debits and credits per account and fund: the trial balance's and fund views' input. */
export type Balances = Map<string, { debitSatang: number; creditSatang: number }>;

/** The key of an account's (and fund's) line in `Balances`. */
export function balanceKey(account: AccountKey, fundId?: string): string {
  return fundId ? `${account}:${fundId}` : account;
}

export function addToBalances(balances: Balances, postings: readonly Posting[]): void {
  for (const p of postings) {
    const key = balanceKey(p.account, p.fundId);
    const line = balances.get(key) ?? { debitSatang: 0, creditSatang: 0 };
    line.debitSatang += p.debitSatang;
    line.creditSatang += p.creditSatang;
    balances.set(key, line);
  }
}
