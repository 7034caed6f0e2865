/**
 * Rules of calls, budgets, awards and tranches, pure and in integer satang.
 */
import { MAX_AMOUNT_SATANG } from '../../shared/money.js';

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

/** Whether every line and the total stay within the app's largest amount (and so exact integers). */
export function budgetFits(lines: readonly Pick<BudgetLine, 'quantity' | 'unitCostSatang'>[]): boolean {
  let total = 0;
  for (const line of lines) {
    const lineTotal = line.quantity * line.unitCostSatang;
    total += lineTotal;
    if (!Number.isSafeInteger(lineTotal) || lineTotal > MAX_AMOUNT_SATANG || total > MAX_AMOUNT_SATANG) return false;
  }
  return true;
}

export interface BudgetCheck {
  totalSatang: number;
  maxSatang: number;
  /** How far the total is above the call's maximum (0 when within it). */
  overSatang: number;
  over: boolean;
}

/**
 * A budget's total against the call's maximum per grant. A draft may be over (it is saved, with a
 * warning); only submitting is refused. Lines past the app's largest amount count as over.
 */
export function budgetAgainstCap(
  lines: readonly Pick<BudgetLine, 'quantity' | 'unitCostSatang'>[],
  maxSatang: number,
): BudgetCheck {
  if (!budgetFits(lines))
    return {
      totalSatang: MAX_AMOUNT_SATANG,
      maxSatang,
      overSatang: Math.max(0, MAX_AMOUNT_SATANG - maxSatang),
      over: true,
    };
  const totalSatang = lines.reduce((sum, line) => sum + line.quantity * line.unitCostSatang, 0);
  const overSatang = Math.max(0, totalSatang - maxSatang);
  return { totalSatang, maxSatang, overSatang, over: overSatang > 0 };
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

export type AwardProblem =
  'not_positive' | 'above_requested' | 'above_call_maximum' | 'above_available' | 'above_call_budget';

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

/** What the social map knows of an organisation, for suggesting whom to invite to a call. */
export interface InviteCandidate extends EligibleOrg {
  id: string;
  needsMoney: boolean;
  grantsReceived: number;
  verified: boolean;
  matchingOptIn: boolean;
}

export interface InviteFactor {
  /** i18n key under `grants.invite.` */
  key: 'issue' | 'needsMoney' | 'neverFunded' | 'verified';
  params: Record<string, string>;
  points: number;
}

/**
 * Why an organisation is worth inviting, and how much. The same reasons as matching, sized for a
 * call: the call's issues first (as in matching, capped at two), a stated need for money, the
 * strategy's boost for groups never funded, and a staff-verified profile (someone has met them).
 */
export const INVITE_WEIGHTS = { issue: 20, issueCap: 40, needsMoney: 15, neverFunded: 5, verified: 5 } as const;

/**
 * Organisations to invite to a call: eligible, open to being matched, not already applying,
 * ranked by explained factors (ties: verified first, then by id, so the list is stable).
 */
export function inviteesForCall(
  rules: Eligibility,
  candidates: readonly InviteCandidate[],
  alreadyApplied: ReadonlySet<string>,
  limit = 20,
) {
  const out: { id: string; score: number; factors: InviteFactor[] }[] = [];
  for (const c of candidates) {
    if (!c.matchingOptIn || alreadyApplied.has(c.id) || eligibilityProblems(rules, c).length) continue;
    const factors: InviteFactor[] = [];
    const shared = rules.issues.length ? c.issues.filter((i) => rules.issues.includes(i)) : [];
    for (const issue of shared.slice(0, INVITE_WEIGHTS.issueCap / INVITE_WEIGHTS.issue))
      factors.push({ key: 'issue', params: { issue }, points: INVITE_WEIGHTS.issue });
    if (c.needsMoney) factors.push({ key: 'needsMoney', params: {}, points: INVITE_WEIGHTS.needsMoney });
    if (c.grantsReceived === 0) factors.push({ key: 'neverFunded', params: {}, points: INVITE_WEIGHTS.neverFunded });
    if (c.verified) factors.push({ key: 'verified', params: {}, points: INVITE_WEIGHTS.verified });
    const score = factors.reduce((s, f) => s + f.points, 0);
    if (score > 0) out.push({ id: c.id, score, factors });
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
}
