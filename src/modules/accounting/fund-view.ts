/**
 * A fund's figures as the pages and the open data show them, derived from the balances of its
 * accounts (pure). `net` is credits less debits; expense accounts therefore count negative.
 *
 * - raised: donations received;            - refunded: returned to donors;
 * - fees: payment processing the fund bore; - committed: awarded grants not yet paid;
 * - granted: awarded grants paid out (awarded, less releases, less what is still owed);
 * - available: all the fund's accounts but its commitments, which are owed and no longer its.
 */
import { ACCOUNT_KEYS, isFundAccount, type AccountKey } from './chart.js';
import { balanceKey, type Balances } from './postings.rules.js';

export interface FundTotals {
  raisedSatang: number;
  refundedSatang: number;
  feesSatang: number;
  grantedSatang: number;
  committedSatang: number;
  availableSatang: number;
}

export const ZERO_TOTALS: FundTotals = {
  raisedSatang: 0,
  refundedSatang: 0,
  feesSatang: 0,
  grantedSatang: 0,
  committedSatang: 0,
  availableSatang: 0,
};

const FUND_ACCOUNTS = ACCOUNT_KEYS.filter(isFundAccount);

/** One fund's figures from the balances of every account and fund (`Balances` keys). */
export function fundTotalsFrom(balances: Balances, fundId: string): FundTotals {
  const net = (account: AccountKey) => {
    const line = balances.get(balanceKey(account, fundId));
    // Written as subtraction so an empty account is 0, never -0.
    return line ? line.creditSatang - line.debitSatang : 0;
  };
  const committed = net('grants_payable');
  const available = FUND_ACCOUNTS.filter((a) => a !== 'grants_payable').reduce((sum, a) => sum + net(a), 0);
  return {
    raisedSatang: net('donations'),
    refundedSatang: 0 - net('refunds'),
    feesSatang: 0 - net('processing_fees'),
    grantedSatang: 0 - net('grants') - committed,
    committedSatang: committed,
    availableSatang: available,
  };
}

/** The funds that have postings in `balances`. */
export function fundsIn(balances: Balances): string[] {
  const funds = new Set<string>();
  for (const key of balances.keys()) {
    const colon = key.indexOf(':');
    if (colon > 0) funds.add(key.slice(colon + 1));
  }
  return [...funds];
}
