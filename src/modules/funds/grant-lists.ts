/**
 * The public grant lists the fund and transparency pages show. Grants sit above funds, so funds
 * may not import them: routes.ts passes these in (grants' grantsOfFund and recentGrants).
 */
import type { Bilingual } from './fund.service.js';

/** A grant as the public pages list it (organisations are public on the social map). */
export interface ListedGrant {
  id: string;
  org: { id: string; name: Bilingual };
  title: string;
  callTitle: Bilingual;
  amountSatang: number;
  paidSatang: number;
  awardedAt: Date;
  status: string;
}

export interface GrantLists {
  /** Grants a fund has made, newest first, for its page. */
  ofFund(fundId: string): Promise<ListedGrant[]>;
  /** The newest grants of every fund, for the transparency page. */
  recent(limit: number): Promise<(ListedGrant & { fundId: string })[]>;
}
