/**
 * What the funds pages show from modules above funds, which funds may not import: routes.ts
 * passes these in (grants' grantsOfFund and recentGrants, community's latestNews and newsOfFund).
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

/** A news item as the giving menu lists it; community (above funds) hands the list down in routes.ts. */
export interface NewsTeaser {
  id: string;
  title: Bilingual;
  summary: Bilingual;
  publishedAt: Date | undefined;
  hasPhoto: boolean;
  photoAlt: Bilingual;
}

export type LatestNews = (count?: number) => Promise<NewsTeaser[]>;
export type NewsOfFund = (fundId: string, count?: number) => Promise<NewsTeaser[]>;
