/** A match factor in words, in the reader's language ("ทำงานด้านผู้สูงอายุเหมือนกัน"). */
import { translate } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/money.js';
import type { MatchFactor } from './matching.js';

// A factor's words depend only on its key and tag values, a few hundred combinations in all, and a
// match page shows about a hundred factors: each sentence is put together once per process.
const sentences = new Map<string, string>();
const MAX_SENTENCES = 5_000;

export function explainFactor(factor: MatchFactor, locale: Locale): string {
  const p = factor.params;
  const value = (v: unknown) => (typeof v === 'string' ? v : '');
  const memo = [locale, factor.key, value(p.issue), value(p.target), value(p.resource), value(p.region)].join('|');
  const known = sentences.get(memo);
  if (known !== undefined) return known;
  const label = (list: string, v: unknown) => (typeof v === 'string' ? translate(locale, `vocab.${list}.${v}`) : '');
  const sentence = translate(locale, `match.${factor.key}`, {
    issue: label('issue', p.issue),
    target: label('target', p.target),
    resource: label('resource', p.resource),
    region: label('region', p.region),
  });
  if (sentences.size >= MAX_SENTENCES) sentences.clear();
  sentences.set(memo, sentence);
  return sentence;
}
