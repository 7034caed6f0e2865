/**
 * The chart of accounts, as data. Small on purpose: what a community foundation's accountant
 * needs to tie the books to the bank statement, Stripe's payouts and each fund's figures.
 *
 * Accounts marked `byFund` are kept per fund (a posting names the fund); the others are the
 * foundation's (one bank account, Stripe's balance). A fund's available money is everything it
 * has received less everything it has spent or promised: the credit balance of its fund
 * accounts other than the commitments it still owes (fund-view.ts).
 */
export type AccountType = 'asset' | 'liability' | 'net_assets' | 'income' | 'expense';

export interface AccountDefinition {
  code: string;
  type: AccountType;
  byFund: boolean;
  name: { th: string; en: string };
}

export const ACCOUNTS = {
  bank: { code: '1110', type: 'asset', byFund: false, name: { th: 'เงินฝากธนาคาร', en: 'Bank account' } },
  stripe_clearing: {
    code: '1120',
    type: 'asset',
    byFund: false,
    name: { th: 'เงินรอโอนจาก Stripe', en: 'Stripe clearing' },
  },
  grants_payable: {
    code: '2110',
    type: 'liability',
    byFund: true,
    name: { th: 'ทุนที่อนุมัติแล้วรอจ่าย', en: 'Grants committed, not yet paid' },
  },
  fund_balance: {
    code: '3100',
    type: 'net_assets',
    byFund: true,
    name: { th: 'ยอดกองทุน (ยกมาและปรับปรุง)', en: 'Fund balance (opening and corrections)' },
  },
  donations: { code: '4100', type: 'income', byFund: true, name: { th: 'รายได้เงินบริจาค', en: 'Donations' } },
  investment_results: {
    code: '4200',
    type: 'income',
    byFund: true,
    name: { th: 'ผลตอบแทนจากการลงทุน (กำไร/ขาดทุน)', en: 'Investment gains and losses' },
  },
  refunds: { code: '5100', type: 'expense', byFund: true, name: { th: 'คืนเงินบริจาค', en: 'Refunds to donors' } },
  processing_fees: {
    code: '5200',
    type: 'expense',
    byFund: true,
    name: { th: 'ค่าธรรมเนียมรับชำระเงิน', en: 'Payment processing fees' },
  },
  grants: { code: '5300', type: 'expense', byFund: true, name: { th: 'ทุนสนับสนุนโครงการ', en: 'Grants awarded' } },
} as const satisfies Record<string, AccountDefinition>;

export type AccountKey = keyof typeof ACCOUNTS;

export const ACCOUNT_KEYS = Object.keys(ACCOUNTS) as AccountKey[];

export function isAccountKey(value: unknown): value is AccountKey {
  return typeof value === 'string' && Object.hasOwn(ACCOUNTS, value);
}

/** Whether a posting on this account must name a fund (and one on another account must not). */
export function isFundAccount(account: AccountKey): boolean {
  return ACCOUNTS[account].byFund;
}

/** Assets and expenses grow with debits; liabilities, net assets and income with credits. */
export function isDebitNormal(account: AccountKey): boolean {
  const type: AccountType = ACCOUNTS[account].type;
  return type === 'asset' || type === 'expense';
}

/** Accounts in the order of their codes, for the trial balance and exports. */
export const ACCOUNTS_BY_CODE: AccountKey[] = [...ACCOUNT_KEYS].sort((a, b) =>
  ACCOUNTS[a].code.localeCompare(ACCOUNTS[b].code),
);
