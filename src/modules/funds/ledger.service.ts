/**
 * Reads and writes the ledger. Fund totals are summed by the database ($group) and kept in a
 * short-lived cache, dropped on every write here; the TTL bounds how long another app process's
 * write can go unseen.
 */
import { LedgerEntry } from './ledger-entry.model.js';
import { LEDGER_KINDS, totalsFromSums, type FundTotals, type LedgerKind } from './ledger.rules.js';

const CACHE_TTL_MS = 5_000;
let cache: { at: number; totals: Map<string, FundTotals> } | undefined;

export function invalidateTotals(): void {
  cache = undefined;
}

async function loadAllTotals(): Promise<Map<string, FundTotals>> {
  const rows = await LedgerEntry.aggregate<{ _id: { fundId: unknown; kind: LedgerKind }; total: number }>([
    { $group: { _id: { fundId: '$fundId', kind: '$kind' }, total: { $sum: '$amountSatang' } } },
  ]);
  const sums = new Map<string, Partial<Record<LedgerKind, number>>>();
  for (const row of rows) {
    const fundId = String(row._id.fundId);
    if (!(LEDGER_KINDS as readonly string[]).includes(row._id.kind)) continue;
    const entry = sums.get(fundId) ?? {};
    entry[row._id.kind] = (entry[row._id.kind] ?? 0) + row.total;
    sums.set(fundId, entry);
  }
  return new Map([...sums].map(([fundId, s]) => [fundId, totalsFromSums(s)]));
}

/** Totals of every fund that has entries (funds without entries are absent: all zero). */
export async function allFundTotals(): Promise<Map<string, FundTotals>> {
  if (cache && Date.now() - cache.at < CACHE_TTL_MS) return cache.totals;
  const totals = await loadAllTotals();
  cache = { at: Date.now(), totals };
  return totals;
}
