/**
 * Which gifts a statement's line of money in may be: pledges still waiting (confirmed from the
 * line), and pledges that lapsed before their transfer came (recorded as a new gift). The
 * matching itself is statement.rules.ts's; this reads the pledges once for a page of lines.
 */
import { Donation } from './donation.model.js';
import { fundNamesById, type FundName } from './fund-lookup.service.js';
import { matchPledges, type PledgeMatch, type PledgeToMatch } from './statement.rules.js';
import { foundationInfo } from './foundation-info.js';
import { bangkokDay } from '../../shared/dates.js';

/** How long after a pledge lapsed its transfer is still offered as that pledge's gift. */
export const LAPSED_WINDOW_DAYS = 180;
/** Pledges read per page of lines: far more than a foundation has waiting at once. */
const PLEDGES_READ = 2000;

export interface LineCandidate {
  donationId: string;
  lapsed: boolean;
  reason: PledgeMatch['reason'];
  amountSatang: number;
  donorName: string;
  giftCode: string;
  fund?: FundName | undefined;
  pledgedOn: string;
}

interface LineToMatch {
  _id: unknown;
  day: string;
  amountSatang: number;
  description?: string | null;
  row: number;
}

type PledgeDoc = {
  _id: unknown;
  amountSatang: number;
  createdAt?: Date;
  giftCode?: string | null;
  donor?: { name?: string | null } | null;
  fundId?: unknown;
};

const toMatch = (d: PledgeDoc): PledgeToMatch => ({
  id: String(d._id),
  amountSatang: d.amountSatang,
  day: bangkokDay(d.createdAt ?? new Date(0)),
  reference: d.giftCode ?? '',
  donorName: d.donor?.name ?? '',
});

/** Each open line's candidates (by line id): waiting pledges first, then lapsed ones, best reason first. */
export async function candidatesFor(lines: readonly LineToMatch[]): Promise<Map<string, LineCandidate[]>> {
  const result = new Map<string, LineCandidate[]>();
  if (!lines.some((l) => l.amountSatang > 0)) return result;
  const fields = { amountSatang: 1, createdAt: 1, giftCode: 1, 'donor.name': 1, fundId: 1 };
  const [waiting, lapsed, funds] = await Promise.all([
    Donation.find({ status: 'pledged' }, fields).sort({ createdAt: -1 }).limit(PLEDGES_READ).lean<PledgeDoc[]>(),
    Donation.find({ status: 'expired', channel: 'bank_transfer' }, fields)
      .sort({ createdAt: -1 })
      .limit(PLEDGES_READ)
      .lean<PledgeDoc[]>(),
    fundNamesById(),
  ]);
  const byId = new Map([...waiting, ...lapsed].map((d) => [String(d._id), d]));
  const waitingWindow = foundationInfo().pledgeLapseAfterDays + 14;
  const describe = (match: PledgeMatch, isLapsed: boolean): LineCandidate => {
    const d = byId.get(match.pledgeId) as PledgeDoc;
    return {
      donationId: match.pledgeId,
      lapsed: isLapsed,
      reason: match.reason,
      amountSatang: d.amountSatang,
      donorName: d.donor?.name ?? '',
      giftCode: d.giftCode ?? '',
      fund: funds.get(String(d.fundId)),
      pledgedOn: bangkokDay(d.createdAt ?? new Date(0)),
    };
  };
  const waitingToMatch = waiting.map(toMatch);
  const lapsedToMatch = lapsed.map(toMatch);
  for (const line of lines) {
    const statementLine = {
      row: line.row,
      day: line.day,
      amountSatang: line.amountSatang,
      description: line.description ?? '',
      balanceSatang: undefined,
      fingerprint: '',
    };
    result.set(String(line._id), [
      ...matchPledges(statementLine, waitingToMatch, waitingWindow).map((m) => describe(m, false)),
      ...matchPledges(statementLine, lapsedToMatch, LAPSED_WINDOW_DAYS).map((m) => describe(m, true)),
    ]);
  }
  return result;
}
