/**
 * The postings of each kind of money movement the foundation has, pure: the only place that
 * decides which accounts a gift, a fee, a payout or a grant touches. Amounts are positive
 * satang; signed ones (corrections, investment results) say which way by their sign.
 */
import { credit, debit, type EntryKind, type Posting } from './postings.rules.js';

/** Where money arrives or leaves: Stripe's balance (online) or the foundation's bank account. */
export type MoneyChannel = 'stripe' | 'bank';

const cashAccount = (via: MoneyChannel) => (via === 'stripe' ? 'stripe_clearing' : 'bank');

export interface Movement {
  kind: EntryKind;
  postings: Posting[];
}

export function donationReceived(fundId: string, amountSatang: number, via: MoneyChannel): Movement {
  return {
    kind: 'donation',
    postings: [debit(cashAccount(via), amountSatang), credit('donations', amountSatang, fundId)],
  };
}

/** Money returned to the donor (−), or a refund that failed and came back (+). */
export function refundMoved(fundId: string, signedSatang: number, via: MoneyChannel): Movement {
  const size = Math.abs(signedSatang);
  const cash = cashAccount(via);
  return {
    kind: 'refund',
    postings:
      signedSatang < 0
        ? [debit('refunds', size, fundId), credit(cash, size)]
        : [debit(cash, size), credit('refunds', size, fundId)],
  };
}

/** Stripe keeps its fee out of the payment: the fund that bears it pays it from Stripe's balance. */
export function feeCharged(fundId: string, amountSatang: number): Movement {
  return {
    kind: 'fee',
    postings: [debit('processing_fees', amountSatang, fundId), credit('stripe_clearing', amountSatang)],
  };
}

/** Stripe pays its balance out to the bank; a failed payout puts it back. */
export function payoutPaid(amountSatang: number): Movement {
  return { kind: 'payout', postings: [debit('bank', amountSatang), credit('stripe_clearing', amountSatang)] };
}

export function payoutFailed(amountSatang: number): Movement {
  return { kind: 'payout_failed', postings: [debit('stripe_clearing', amountSatang), credit('bank', amountSatang)] };
}

/** An award: the fund's money is promised (no longer available) and owed to the grantee. */
export function grantCommitted(fundId: string, amountSatang: number): Movement {
  return {
    kind: 'grant_commitment',
    postings: [debit('grants', amountSatang, fundId), credit('grants_payable', amountSatang, fundId)],
  };
}

/** An award cancelled or reduced: the promise is given back to the fund. */
export function commitmentReleased(fundId: string, amountSatang: number): Movement {
  return {
    kind: 'commitment_release',
    postings: [debit('grants_payable', amountSatang, fundId), credit('grants', amountSatang, fundId)],
  };
}

/** A tranche paid from the bank against what was promised. */
export function grantPaid(fundId: string, amountSatang: number): Movement {
  return {
    kind: 'grant_payment',
    postings: [debit('grants_payable', amountSatang, fundId), credit('bank', amountSatang)],
  };
}

/** The ledger before the journal paid a grant as this (and a commitment release beside it). */
export function legacyDisbursement(fundId: string, amountSatang: number): Movement {
  return { kind: 'disbursement', postings: [debit('grants', amountSatang, fundId), credit('bank', amountSatang)] };
}

function signed(kind: EntryKind, account: 'fund_balance' | 'investment_results', fundId: string, amount: number) {
  const size = Math.abs(amount);
  const postings =
    amount > 0
      ? [debit('bank', size), credit(account, size, fundId)]
      : [debit(account, size, fundId), credit('bank', size)];
  return { kind, postings };
}

/** A staff correction of a fund's balance against the bank (+ adds to the fund). */
export function adjustment(fundId: string, signedSatang: number): Movement {
  return signed('adjustment', 'fund_balance', fundId, signedSatang);
}

/** A gain (+) or loss (−) on the fund's invested money, as the bank or broker reports it. */
export function investmentResult(fundId: string, signedSatang: number): Movement {
  return signed('investment_result', 'investment_results', fundId, signedSatang);
}
