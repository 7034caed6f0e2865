/**
 * Tax deduction per fund and campaign (1× or 2×, with the law that allows it), set by staff and
 * shown on the donate page, the receipt and the donor's yearly statement. The rule for which
 * applies is e-donation.rules.ts's `deductionFor`; the general basis is the catalogue's text.
 */
import mongoose from 'mongoose';
import { Fund } from './fund.model.js';
import { Campaign } from './campaign.model.js';
import { deductionFor, type Deduction, type Multiplier } from './e-donation.rules.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { translate } from '../../shared/i18n/index.js';

type Stored = { multiplier?: number | null; basis?: { th?: string | null; en?: string | null } | null } | null;

const generalBasis = () => ({
  th: translate('th', 'edonation.generalBasis'),
  en: translate('en', 'edonation.generalBasis'),
});

const partial = (d: Stored | undefined): Partial<Deduction> | undefined =>
  d?.multiplier === 1 || d?.multiplier === 2
    ? { multiplier: d.multiplier, basis: { th: d.basis?.th ?? '', en: d.basis?.en ?? '' } }
    : undefined;

/** The deduction of a gift to `fundId` (through `campaignId`, when given). */
export async function deductionOf(fundId: unknown, campaignId?: unknown): Promise<Deduction> {
  const [fund, campaign] = await Promise.all([
    Fund.findById(fundId, { deduction: 1 }).lean(),
    campaignId ? Campaign.findById(campaignId, { deduction: 1 }).lean() : null,
  ]);
  return deductionFor(partial(fund?.deduction as Stored), partial(campaign?.deduction as Stored), generalBasis());
}

export interface DeductionRow {
  id: string;
  name: { th: string; en: string };
  fundName?: { th: string; en: string } | undefined;
  /** Set here (undefined: the fund's, or 1× on the general basis). */
  multiplier: Multiplier | undefined;
  basisTh: string;
  basisEn: string;
  applies: Deduction;
}

export async function listDeductions(actor: Actor): Promise<{ funds: DeductionRow[]; campaigns: DeductionRow[] }> {
  assertRole(actor, 'staff', 'admin');
  const [funds, campaigns] = await Promise.all([
    Fund.find({}, { name: 1, deduction: 1, sortOrder: 1 }).sort({ sortOrder: 1 }).lean(),
    Campaign.find({ active: true }, { name: 1, deduction: 1, fundId: 1 }).sort({ createdAt: -1 }).limit(100).lean(),
  ]);
  const general = generalBasis();
  const byId = new Map(funds.map((f) => [String(f._id), f]));
  const row = (doc: { _id: unknown; name?: { th?: string; en?: string } | null; deduction?: unknown }) => {
    const own = partial(doc.deduction as Stored);
    return {
      id: String(doc._id),
      name: { th: doc.name?.th ?? '', en: doc.name?.en ?? '' },
      multiplier: own?.multiplier,
      basisTh: own?.basis?.th ?? '',
      basisEn: own?.basis?.en ?? '',
    };
  };
  return {
    funds: funds.map((f) => ({ ...row(f), applies: deductionFor(partial(f.deduction as Stored), undefined, general) })),
    campaigns: campaigns.map((c) => {
      const fund = byId.get(String(c.fundId));
      return {
        ...row(c),
        fundName: fund ? { th: fund.name?.th ?? '', en: fund.name?.en ?? '' } : undefined,
        applies: deductionFor(partial(fund?.deduction as Stored), partial(c.deduction as Stored), general),
      };
    }),
  };
}

export interface DeductionInput {
  /** Undefined: none of its own (a campaign then follows its fund; a fund, 1× on the general basis). */
  multiplier: Multiplier | undefined;
  basisTh: string;
  basisEn: string;
}

/** Sets a fund's or a campaign's deduction; 2× needs the legal basis, since donors will rely on it. */
export async function setDeduction(actor: Actor, target: 'fund' | 'campaign', id: string, input: DeductionInput) {
  assertRole(actor, 'staff', 'admin');
  if (input.multiplier === 2 && !input.basisTh)
    throw new ValidationError({ basisTh: { key: 'edonation.errors.basisRequired' } });
  if (!mongoose.isValidObjectId(id)) throw new NotFoundError();
  const Model = (target === 'fund' ? Fund : Campaign) as unknown as typeof Fund;
  const update = input.multiplier
    ? { $set: { deduction: { multiplier: input.multiplier, basis: { th: input.basisTh, en: input.basisEn } } } }
    : { $unset: { deduction: 1 } };
  const result = await Model.updateOne({ _id: id }, update);
  if (result.matchedCount === 0) throw new NotFoundError();
}
