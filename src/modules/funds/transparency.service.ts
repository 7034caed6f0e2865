/**
 * Open data: per fund what was raised, refunded, granted, committed and available, and gifts per
 * month. Nothing personal is ever in it: amounts and funds only.
 */
import { listFunds, type FundView } from './fund.service.js';
import { JournalDerivedCache, giftMovementsSince, journalVersion, onJournalChange } from '../accounting/index.js';
import { monthRange, type MonthTotal } from './monthly-chart.js';
import { bangkokMonth, parseBangkokDay } from '../../shared/dates.js';

export const CHART_MONTHS = 12;
const cache = new JournalDerivedCache<MonthlyFigures>(journalVersion);

export interface MonthlyFigures {
  /** All funds together, oldest month first. */
  total: MonthTotal[];
  /** Per fund slug. */
  byFund: Record<string, MonthTotal[]>;
}

/** Net gifts (gifts less refunds) per month over the last twelve months, Bangkok time. */
export function monthlyGifts(now = new Date()): Promise<MonthlyFigures> {
  const lastMonth = bangkokMonth(now);
  return cache.get(lastMonth, () => loadMonthlyGifts(lastMonth));
}

async function loadMonthlyGifts(lastMonth: string): Promise<MonthlyFigures> {
  const months = monthRange(lastMonth, CHART_MONTHS);
  const since = parseBangkokDay(`${months[0]}-01`) as Date;
  const [movements, funds] = await Promise.all([giftMovementsSince(since), listFunds()]);
  const slugOf = new Map(funds.map((f) => [f.id, f.slug]));
  const blank = () => new Map(months.map((m) => [m, 0]));
  const total = blank();
  const byFund = new Map(funds.map((f) => [f.slug, blank()]));
  for (const m of movements) {
    const month = bangkokMonth(m.occurredAt);
    if (!total.has(month)) continue;
    total.set(month, (total.get(month) ?? 0) + m.amountSatang);
    const slug = slugOf.get(m.fundId);
    const series = slug ? byFund.get(slug) : undefined;
    if (series) series.set(month, (series.get(month) ?? 0) + m.amountSatang);
  }
  const asList = (series: Map<string, number>) => [...series].map(([month, amountSatang]) => ({ month, amountSatang }));
  return { total: asList(total), byFund: Object.fromEntries([...byFund].map(([slug, s]) => [slug, asList(s)])) };
}

export function invalidateMonthlyGifts(): void {
  cache.clear();
}
onJournalChange(invalidateMonthlyGifts);

export interface TransparencyData {
  funds: FundView[];
  totals: Pick<
    FundView,
    'raisedSatang' | 'refundedSatang' | 'feesSatang' | 'grantedSatang' | 'committedSatang' | 'availableSatang'
  >;
  monthly: MonthlyFigures;
}

export async function transparencyData(): Promise<TransparencyData> {
  const [funds, monthly] = await Promise.all([listFunds(), monthlyGifts()]);
  const sum = (key: keyof TransparencyData['totals']) => funds.reduce((acc, f) => acc + f[key], 0);
  return {
    funds,
    totals: {
      raisedSatang: sum('raisedSatang'),
      refundedSatang: sum('refundedSatang'),
      feesSatang: sum('feesSatang'),
      grantedSatang: sum('grantedSatang'),
      committedSatang: sum('committedSatang'),
      availableSatang: sum('availableSatang'),
    },
    monthly,
  };
}
