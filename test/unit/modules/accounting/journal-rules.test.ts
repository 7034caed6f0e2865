import assert from 'node:assert/strict';
import { ACCOUNTS, ACCOUNTS_BY_CODE, ACCOUNT_KEYS } from '../../../../src/modules/accounting/chart.js';
import {
  UnbalancedEntryError,
  addToBalances,
  assertBalanced,
  credit,
  debit,
  fundsOf,
  reversed,
  type Balances,
  type Posting,
} from '../../../../src/modules/accounting/postings.rules.js';
import { ZERO_TOTALS, fundTotalsFrom, fundsIn } from '../../../../src/modules/accounting/fund-view.js';
import * as movements from '../../../../src/modules/accounting/movements.js';

const FUND = '64b000000000000000000001';
const OTHER = '64b000000000000000000002';

function book(...entries: { postings: Posting[] }[]): Balances {
  const balances: Balances = new Map();
  for (const e of entries) {
    assertBalanced(e.postings);
    addToBalances(balances, e.postings);
  }
  return balances;
}

describe('chart of accounts', () => {
  it('gives every account a distinct four-digit code and both names', () => {
    const codes = ACCOUNT_KEYS.map((k) => ACCOUNTS[k].code);
    assert.equal(new Set(codes).size, codes.length);
    for (const key of ACCOUNT_KEYS) {
      assert.match(ACCOUNTS[key].code, /^\d{4}$/);
      assert.ok(ACCOUNTS[key].name.th && ACCOUNTS[key].name.en, key);
    }
    assert.deepEqual(
      ACCOUNTS_BY_CODE.map((k) => ACCOUNTS[k].code),
      [...codes].sort(),
    );
  });
});

describe('a journal entry', () => {
  it('is valid when its debits equal its credits', () => {
    assert.doesNotThrow(() => assertBalanced([debit('bank', 500_00), credit('donations', 500_00, FUND)]));
  });

  const refused: [string, Posting[]][] = [
    ['one posting', [debit('bank', 100)]],
    ['debits above credits', [debit('bank', 101), credit('donations', 100, FUND)]],
    ['a fractional satang', [debit('bank', 100.5), credit('donations', 100.5, FUND)]],
    ['a negative amount', [debit('bank', -100), credit('donations', -100, FUND)]],
    [
      'a posting both debit and credit',
      [{ account: 'bank', debitSatang: 5, creditSatang: 5 }, credit('donations', 0, FUND)],
    ],
    ['a zero posting', [debit('bank', 0), credit('donations', 0, FUND)]],
    ['a fund account without a fund', [debit('bank', 100), credit('donations', 100)]],
    ['the bank with a fund', [debit('bank', 100, FUND), credit('donations', 100, FUND)]],
    ['an unknown account', [debit('cash_box' as never, 100), credit('donations', 100, FUND)]],
    ['an amount past safe integers', [debit('bank', 2 ** 53), credit('donations', 2 ** 53, FUND)]],
  ];
  for (const [what, postings] of refused) {
    it(`is refused with ${what}`, () => {
      assert.throws(() => assertBalanced(postings), UnbalancedEntryError);
    });
  }

  it('names the funds it touches, and reverses into an entry that cancels it', () => {
    const entry = movements.donationReceived(FUND, 700_00, 'stripe').postings;
    assert.deepEqual(fundsOf(entry), [FUND]);
    const balances = book({ postings: entry }, { postings: reversed(entry) });
    assert.deepEqual(fundTotalsFrom(balances, FUND), ZERO_TOTALS);
  });
});

describe('every movement balances', () => {
  const all = [
    movements.donationReceived(FUND, 1, 'stripe'),
    movements.donationReceived(FUND, 1, 'bank'),
    movements.refundMoved(FUND, -1, 'stripe'),
    movements.refundMoved(FUND, 1, 'bank'),
    movements.feeCharged(FUND, 1),
    movements.payoutPaid(1),
    movements.payoutFailed(1),
    movements.grantCommitted(FUND, 1),
    movements.commitmentReleased(FUND, 1),
    movements.grantPaid(FUND, 1),
    movements.legacyDisbursement(FUND, 1),
    movements.adjustment(FUND, 1),
    movements.adjustment(FUND, -1),
    movements.investmentResult(FUND, 1),
    movements.investmentResult(FUND, -1),
  ];
  for (const m of all) {
    it(`${m.kind} (${m.postings.map((p) => `${p.debitSatang ? 'Dr' : 'Cr'} ${p.account}`).join(', ')})`, () => {
      assertBalanced(m.postings);
    });
  }
});

describe('a fund’s figures from its postings', () => {
  it('are zero for a fund with no postings', () => {
    assert.deepEqual(fundTotalsFrom(new Map(), FUND), ZERO_TOTALS);
  });

  it('follow gifts, fees, refunds, an award and its payment, exact to the satang', () => {
    const balances = book(
      movements.donationReceived(FUND, 1_000_00, 'stripe'),
      movements.feeCharged(FUND, 36_50),
      movements.donationReceived(FUND, 500_00, 'bank'),
      movements.refundMoved(FUND, -50_00, 'stripe'),
      movements.grantCommitted(FUND, 300_00),
      movements.grantPaid(FUND, 100_00),
      movements.payoutPaid(913_50),
      movements.donationReceived(OTHER, 9_00, 'bank'),
    );
    assert.deepEqual(fundTotalsFrom(balances, FUND), {
      raisedSatang: 1_500_00,
      refundedSatang: 50_00,
      feesSatang: 36_50,
      grantedSatang: 100_00,
      committedSatang: 200_00,
      availableSatang: 1_500_00 - 50_00 - 36_50 - 300_00,
    });
    // Stripe's balance: 1,000 in, 36.50 fee, 50 refunded, 913.50 paid out: nothing left.
    assert.deepEqual(balances.get('stripe_clearing'), { debitSatang: 1_000_00, creditSatang: 1_000_00 });
    assert.deepEqual(fundsIn(balances).sort(), [FUND, OTHER].sort());
  });

  it('read the same for the ledger’s old way of paying a grant (payment and release beside it)', () => {
    const old = book(
      movements.grantCommitted(FUND, 300_00),
      movements.legacyDisbursement(FUND, 100_00),
      movements.commitmentReleased(FUND, 100_00),
    );
    const now = book(movements.grantCommitted(FUND, 300_00), movements.grantPaid(FUND, 100_00));
    assert.deepEqual(fundTotalsFrom(old, FUND), fundTotalsFrom(now, FUND));
  });

  it('count a returned refund and an investment loss', () => {
    const balances = book(
      movements.donationReceived(FUND, 100_00, 'bank'),
      movements.refundMoved(FUND, -40_00, 'bank'),
      movements.refundMoved(FUND, 40_00, 'bank'),
      movements.investmentResult(FUND, -7_00),
      movements.adjustment(FUND, 2_00),
    );
    const totals = fundTotalsFrom(balances, FUND);
    assert.equal(totals.refundedSatang, 0);
    assert.equal(totals.availableSatang, 100_00 - 7_00 + 2_00);
  });
});
