/**
 * The public lists of grants: what a fund has given (its page) and the newest grants of every fund
 * (the transparency page). Organisations are public on the social map, so their names are shown.
 */
import mongoose from 'mongoose';
import { Award } from './award.model.js';
import { Application } from './application.model.js';
import { GrantCall } from './call.model.js';
import { toAwardView } from './award-view.js';
import { organisationNames } from '../directory/index.js';
import { LoadingCache } from '../../shared/cache.js';

export interface PublicGrant {
  id: string;
  org: { id: string; name: { th: string; en: string } };
  title: string;
  callTitle: { th: string; en: string };
  amountSatang: number;
  paidSatang: number;
  awardedAt: Date;
  status: string;
}

// Fund pages are hot: their grant lists are kept 10 s, and dropped at once on an award or payment (tranche.service.ts).
export const publicGrants = new LoadingCache<PublicGrant[]>(10_000);

/** Grants a fund has made, newest first, for its public page (organisations are public on the social map). */
export async function grantsOfFund(fundId: string, limit = 20): Promise<PublicGrant[]> {
  if (!mongoose.isValidObjectId(fundId)) return [];
  return publicGrants.get(`${fundId}:${limit}`, () => loadGrants({ fundId }, limit));
}

/** The newest grants of every fund, for the transparency page. */
export async function recentGrants(limit = 20): Promise<(PublicGrant & { fundId: string })[]> {
  return (await publicGrants.get(`all:${limit}`, () => loadGrants({}, limit))) as (PublicGrant & { fundId: string })[];
}

async function loadGrants(
  filter: Record<string, unknown>,
  limit: number,
): Promise<(PublicGrant & { fundId: string })[]> {
  const awards = await Award.find(filter).sort({ awardedAt: -1 }).limit(limit);
  if (!awards.length) return [];
  const [apps, org, calls] = await Promise.all([
    Application.find({ _id: { $in: awards.map((a) => a.applicationId) } }, { title: 1, status: 1 }).lean(),
    organisationNames(awards.map((a) => a.orgId)),
    GrantCall.find({ _id: { $in: awards.map((a) => a.callId) } }, { title: 1 }).lean(),
  ]);
  const app = new Map(apps.map((a) => [String(a._id), a]));
  const call = new Map(calls.map((c) => [String(c._id), c]));
  return awards.map((a) => {
    const view = toAwardView(a);
    const name = org.get(String(a.orgId));
    const c = call.get(String(a.callId));
    return {
      id: view.id,
      fundId: String(a.fundId),
      org: { id: String(a.orgId), name: name ?? { th: '', en: '' } },
      title: app.get(String(a.applicationId))?.title ?? '',
      callTitle: { th: c?.title?.th ?? '', en: c?.title?.en ?? '' },
      amountSatang: a.amountSatang,
      paidSatang: view.paidSatang,
      awardedAt: a.awardedAt,
      status: app.get(String(a.applicationId))?.status ?? 'awarded',
    };
  });
}
