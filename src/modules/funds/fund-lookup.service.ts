/**
 * What other modules read about funds, without their model: a fund's kind, which active fund a
 * slug names, and every fund's slug and name. Plain objects with string ids; no money here (that
 * are the journal's: accounting/journal.service.ts).
 */
import mongoose from 'mongoose';
import { Fund } from './fund.model.js';
import type { Bilingual } from './fund.service.js';

/** A fund named on another module's page: its address (slug) and name. */
export interface FundName {
  slug: string;
  name: Bilingual;
}

/** The fund's kind (`sub_fund` or `endowment`), or null when there is no fund with this id. */
export async function fundKind(fundId: unknown): Promise<string | null> {
  if (!mongoose.isValidObjectId(String(fundId))) return null;
  const fund = await Fund.findById(String(fundId), { kind: 1 }).lean();
  return fund?.kind ?? null;
}

/** The id of the active fund with this slug, or null (no such fund, or closed). */
export async function activeFundIdBySlug(slug: string): Promise<string | null> {
  const fund = await Fund.findOne({ slug, active: true }, { _id: 1 }).lean();
  return fund ? String(fund._id) : null;
}

/** Every fund's slug and name by id, closed ones too (a call keeps the fund it was made for). */
export async function fundNamesById(): Promise<Map<string, FundName>> {
  const funds = await Fund.find({}, { slug: 1, name: 1 }).lean();
  return new Map(
    funds.map((f) => [String(f._id), { slug: f.slug, name: { th: f.name?.th ?? '', en: f.name?.en ?? '' } }]),
  );
}
