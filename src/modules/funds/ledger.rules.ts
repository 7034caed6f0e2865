/**
 * The endowment's rules over a fund's figures (pure). The figures themselves are the journal's
 * (accounting/fund-view.ts).
 */
import type { FundTotals } from '../accounting/index.js';

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
