/** The giving menu: funds with their figures from the journal, as plain objects. */
import { Fund } from './fund.model.js';
import { allFundTotals } from '../accounting/index.js';
import { principalSatang, spendableSatang } from './ledger.rules.js';
import { ZERO_TOTALS, type FundTotals } from '../accounting/index.js';
import { NotFoundError } from '../../shared/errors.js';
import { LoadingCache } from '../../shared/cache.js';

export interface Bilingual {
  th: string;
  en: string;
}

export interface FundView extends FundTotals {
  id: string;
  slug: string;
  kind: 'sub_fund' | 'endowment';
  issue: string;
  name: Bilingual;
  summary: Bilingual;
  description: Bilingual;
  goalSatang: number;
  /** Endowment only: gifts kept as principal, and what its returns make spendable. */
  principalSatang: number;
  spendableSatang: number;
}

type FundDoc = InstanceType<typeof Fund>;

function toView(doc: FundDoc, fundTotals: FundTotals | undefined): FundView {
  const totals = fundTotals ?? ZERO_TOTALS;
  return {
    id: doc._id.toString(),
    slug: doc.slug,
    kind: doc.kind as FundView['kind'],
    issue: doc.issue,
    name: { th: doc.name?.th ?? '', en: doc.name?.en ?? '' },
    summary: { th: doc.summary?.th ?? '', en: doc.summary?.en ?? '' },
    description: { th: doc.description?.th ?? '', en: doc.description?.en ?? '' },
    goalSatang: doc.goalSatang,
    ...totals,
    principalSatang: principalSatang(doc.kind, totals),
    spendableSatang: spendableSatang(doc.kind, totals),
  };
}

/** The menu itself changes rarely (staff edits, seeds): kept a few seconds so pages skip the query. */
const fundDocs = new LoadingCache<FundDoc[]>(5_000);
const activeFunds = () => fundDocs.get('active', () => Fund.find({ active: true }).sort({ sortOrder: 1, slug: 1 }));

/** Active funds in menu order: sub-funds first, the endowment last. */
export async function listFunds(): Promise<FundView[]> {
  const [docs, totals] = await Promise.all([activeFunds(), allFundTotals()]);
  return docs.map((doc) => toView(doc, totals.get(doc._id.toString())));
}

export async function getFundBySlug(slug: string): Promise<FundView> {
  const doc = (await activeFunds()).find((f) => f.slug === slug);
  if (!doc) throw new NotFoundError('funds.notFound');
  const totals = await allFundTotals();
  return toView(doc, totals.get(doc._id.toString()));
}
