/**
 * Rules of calls, budgets, awards and tranches, pure and in integer satang.
 */

export interface BudgetLine {
  item: string;
  quantity: number;
  unitCostSatang: number;
}

/** A line's total; quantities and unit costs are whole numbers (checked by the schema). */
export function lineTotalSatang(line: BudgetLine): number {
  return line.quantity * line.unitCostSatang;
}

/** The amount requested is always the sum of the budget lines, computed here, never typed in. */
export function budgetTotalSatang(lines: readonly BudgetLine[]): number {
  return lines.reduce((sum, line) => sum + lineTotalSatang(line), 0);
}

export type CallPhase = 'upcoming' | 'open' | 'closed';

/** Open from `opensAt` (inclusive) until `closesAt` (exclusive): a submission at the close second is late. */
export function callPhase(call: { opensAt: Date; closesAt: Date }, now: Date): CallPhase {
  if (now.getTime() < call.opensAt.getTime()) return 'upcoming';
  if (now.getTime() < call.closesAt.getTime()) return 'open';
  return 'closed';
}

/** Whole days left before the close (a call closing later today has 0 days left but is still open). */
export function daysLeft(closesAt: Date, now: Date): number {
  return Math.max(0, Math.floor((closesAt.getTime() - now.getTime()) / 86_400_000));
}

export interface Eligibility {
  orgTypes: readonly string[];
  roles: readonly string[];
  provinces: readonly string[];
  issues: readonly string[];
}

export interface EligibleOrg {
  type: string;
  roles: readonly string[];
  issues: readonly string[];
  provinceCodes: readonly string[];
}

export type EligibilityProblem = 'org_type' | 'role' | 'province' | 'issue';

/** What keeps an organisation from applying; an empty list means it may. Empty rules allow everyone. */
export function eligibilityProblems(rules: Eligibility, org: EligibleOrg): EligibilityProblem[] {
  const problems: EligibilityProblem[] = [];
  if (rules.orgTypes.length && !rules.orgTypes.includes(org.type)) problems.push('org_type');
  if (rules.roles.length && !org.roles.some((r) => rules.roles.includes(r))) problems.push('role');
  if (rules.provinces.length && !org.provinceCodes.some((p) => rules.provinces.includes(p))) problems.push('province');
  if (rules.issues.length && !org.issues.some((i) => rules.issues.includes(i))) problems.push('issue');
  return problems;
}

export type AwardProblem = 'not_positive' | 'above_requested' | 'above_call_maximum' | 'above_available' | 'above_call_budget';

/** Whether an award amount may be made: ≤ requested, ≤ the call's maximum, ≤ what the fund and the call have left. */
export function awardProblems(input: {
  amountSatang: number;
  requestedSatang: number;
  maxPerGrantSatang: number;
  fundAvailableSatang: number;
  callRemainingSatang: number;
}): AwardProblem[] {
  const problems: AwardProblem[] = [];
  if (!Number.isInteger(input.amountSatang) || input.amountSatang <= 0) return ['not_positive'];
  if (input.amountSatang > input.requestedSatang) problems.push('above_requested');
  if (input.amountSatang > input.maxPerGrantSatang) problems.push('above_call_maximum');
  if (input.amountSatang > input.callRemainingSatang) problems.push('above_call_budget');
  if (input.amountSatang > input.fundAvailableSatang) problems.push('above_available');
  return problems;
}

/**
 * Splits an award into tranches by percentages (e.g. 60/40), in whole satang; the rounding
 * remainder goes to the first tranche so the parts always add up to the award exactly.
 */
export function splitTranches(amountSatang: number, percents: readonly number[]): number[] {
  const total = percents.reduce((a, b) => a + b, 0);
  if (total <= 0 || percents.some((p) => p <= 0)) throw new RangeError('tranche percentages must be positive');
  const parts = percents.map((p) => Math.floor((amountSatang * p) / total));
  parts[0] = (parts[0] as number) + (amountSatang - parts.reduce((a, b) => a + b, 0));
  return parts;
}
