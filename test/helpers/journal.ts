/**
 * Reading journal entries in tests: what an entry did to its fund's available money (the sum
 * over its fund postings of credits less debits, commitments owed aside), as the old ledger's
 * signed amount said it.
 */
interface PostingLike {
  account: string;
  fundId?: unknown;
  debitSatang: number;
  creditSatang: number;
}

export function fundEffect(entry: { postings: readonly PostingLike[] }): number {
  let effect = 0;
  for (const p of entry.postings) {
    if (p.fundId && p.account !== 'grants_payable') effect += p.creditSatang - p.debitSatang;
  }
  return effect;
}
