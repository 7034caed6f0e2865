/** Campaigns under a fund: created by staff, shown on the fund page with their own progress. */
import mongoose from 'mongoose';
import { Campaign } from './campaign.model.js';
import { Fund } from './fund.model.js';
import { campaignTotals, onJournalChange } from '../accounting/index.js';
import { LoadingCache } from '../../shared/cache.js';
import type { Bilingual } from './fund.service.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { ConflictError, NotFoundError, ValidationError, isDuplicateKeyError } from '../../shared/errors.js';
import type { FundTotals } from '../accounting/index.js';

export interface CampaignView extends FundTotals {
  id: string;
  slug: string;
  fundSlug: string;
  fundName: Bilingual;
  name: Bilingual;
  description: Bilingual;
  goalSatang: number;
  endsAt: Date;
  open: boolean;
}

export interface NewCampaign {
  fund: string;
  slug: string;
  nameTh: string;
  nameEn: string;
  descriptionTh: string;
  descriptionEn: string;
  goalSatang: number;
  endsOn: Date;
}

export async function createCampaign(actor: Actor, input: NewCampaign): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const fund = await Fund.findOne({ slug: input.fund, active: true });
  if (!fund) throw new ValidationError({ fund: { key: 'validation.choice' } });
  try {
    const campaign = await Campaign.create({
      fundId: fund._id,
      slug: input.slug,
      name: { th: input.nameTh, en: input.nameEn },
      description: { th: input.descriptionTh, en: input.descriptionEn },
      goalSatang: input.goalSatang,
      endsAt: input.endsOn,
      createdBy: actor?.id,
    });
    fundCampaigns.clear();
    return campaign._id.toString();
  } catch (error) {
    if (isDuplicateKeyError(error))
      throw new ConflictError('donations.campaignSlugTaken', { slug: { key: 'donations.campaignSlugTaken' } });
    throw error;
  }
}

async function toView(
  doc: InstanceType<typeof Campaign>,
  fund: { slug: string; name?: { th?: string; en?: string } | null },
): Promise<CampaignView> {
  const totals = await campaignTotals(doc._id.toString(), doc.fundId.toString());
  return {
    id: doc._id.toString(),
    slug: doc.slug,
    fundSlug: fund.slug,
    fundName: { th: fund.name?.th ?? '', en: fund.name?.en ?? '' },
    name: { th: doc.name?.th ?? '', en: doc.name?.en ?? '' },
    description: { th: doc.description?.th ?? '', en: doc.description?.en ?? '' },
    goalSatang: doc.goalSatang,
    endsAt: doc.endsAt,
    open: doc.active && doc.endsAt.getTime() > Date.now(),
    ...totals,
  };
}

const fundCampaigns = new LoadingCache<CampaignView[]>(5_000);
onJournalChange(() => fundCampaigns.clear());

/** Open campaigns of a fund (for its page), newest end date last. */
export function openCampaignsOfFund(fundId: string): Promise<CampaignView[]> {
  return fundCampaigns.get(fundId, () => loadOpenCampaigns(fundId));
}

async function loadOpenCampaigns(fundId: string): Promise<CampaignView[]> {
  const fund = await Fund.findById(fundId).lean();
  if (!fund) return [];
  const docs = await Campaign.find({
    fundId: new mongoose.Types.ObjectId(fundId),
    active: true,
    endsAt: { $gt: new Date() },
  })
    .sort({ endsAt: 1 })
    .limit(20);
  return Promise.all(docs.map((d) => toView(d, fund)));
}

export async function listCampaigns(actor: Actor): Promise<CampaignView[]> {
  assertRole(actor, 'staff', 'admin');
  const docs = await Campaign.find().sort({ endsAt: -1 }).limit(200);
  const funds = new Map((await Fund.find().lean()).map((f) => [String(f._id), f]));
  return Promise.all(
    docs.flatMap((d) =>
      funds.get(String(d.fundId)) ? [toView(d, funds.get(String(d.fundId)) as { slug: string })] : [],
    ),
  );
}

/** An active campaign (`closedToo`: one staff archived as well, for their own page). */
export async function getCampaign(slug: string, options: { closedToo?: boolean } = {}): Promise<CampaignView> {
  const query = options.closedToo ? { slug } : { slug, active: true };
  const doc = /^[a-z0-9-]{2,60}$/.test(slug) ? await Campaign.findOne(query) : null;
  const fund = doc ? await Fund.findById(doc.fundId).lean() : null;
  if (!doc || !fund) throw new NotFoundError();
  return toView(doc, fund);
}
