/**
 * The double-entry journal: the chart of accounts, balanced entries for every movement of money,
 * each fund's figures derived from its postings, and closing a month. Used by funds and grants;
 * uses nothing above it.
 */
export { ACCOUNTS, ACCOUNTS_BY_CODE, type AccountKey } from './chart.js';
export { UnbalancedEntryError, type EntryKind, type Posting, type Balances } from './postings.rules.js';
export { ZERO_TOTALS, fundTotalsFrom, type FundTotals } from './fund-view.js';
export * as movements from './movements.js';
export type { MoneyChannel, Movement } from './movements.js';
export {
  allFundTotals,
  balancesToDate,
  campaignTotals,
  entryExists,
  fundTotalsNow,
  giftMovementsSince,
  importEntries,
  invalidateTotals,
  journalVersion,
  netDebitForRef,
  onJournalChange,
  postEntry,
  type FundMovement,
  type ImportedEntry,
  type NewEntry,
} from './journal.service.js';
export { withFundDebit, type DebitPolicy } from './fund-debit.js';
export { JournalDerivedCache } from './journal-totals.js';
export { closeMonth, closedMonths, closedThrough, firstBookedMonth } from './period.service.js';
export {
  MAX_EXPORT_MONTHS,
  generalLedger,
  trialBalance,
  type LedgerRow,
  type TrialBalance,
  type TrialBalanceLine,
} from './books.service.js';
