/**
 * Ledger arithmetic, pure. Signed amounts are each entry's effect on the fund's available
 * balance, so `available` is simply their sum and every other total is read off by kind.
 */
export const LEDGER_KINDS = [
  /** A confirmed gift into the fund (+). */
  'donation',
  /** Money returned to a donor (−). */
  'refund',
  /** A staff correction, with a memo (±). */
  'adjustment',
  /** A grant awarded but not yet paid: reserved, no longer available (−). */
  'grant_commitment',
  /** A reservation given back: an award cancelled, reduced, or paid out (+). */
  'commitment_release',
  /** Money paid to a grantee (−); paired with a commitment_release of the same amount. */
  'disbursement',
] as const;

export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface FundTotals {
  raisedSatang: number;
  refundedSatang: number;
  grantedSatang: number;
  committedSatang: number;
  availableSatang: number;
}

export const ZERO_TOTALS: FundTotals = {
  raisedSatang: 0,
  refundedSatang: 0,
  grantedSatang: 0,
  committedSatang: 0,
  availableSatang: 0,
};

/** Totals from the per-kind sums of a fund's entries. */
export function totalsFromSums(sums: Partial<Record<LedgerKind, number>>): FundTotals {
  const sum = (kind: LedgerKind) => sums[kind] ?? 0;
  // Written as subtraction from 0, not unary minus, so an empty total is 0 and never -0.
  const negate = (n: number) => 0 - n;
  const available = LEDGER_KINDS.reduce((acc, kind) => acc + sum(kind), 0);
  return {
    raisedSatang: sum('donation'),
    refundedSatang: negate(sum('refund')),
    grantedSatang: negate(sum('disbursement')),
    committedSatang: negate(sum('grant_commitment') + sum('commitment_release')),
    availableSatang: available,
  };
}

/** The endowment's principal: the gifts it keeps (given, less refunded). Other funds keep none. */
export function principalSatang(kind: string, totals: FundTotals): number {
  return kind === 'endowment' ? totals.raisedSatang - totals.refundedSatang : 0;
}

/**
 * What a fund may still give (award, disburse): its available balance; for the endowment, only
 * what stands above its principal (the returns staff record as adjustments), never below zero.
 */
export function spendableSatang(kind: string, totals: FundTotals): number {
  if (kind !== 'endowment') return totals.availableSatang;
  return Math.max(0, totals.availableSatang - principalSatang(kind, totals));
}
