/** A match factor in words, in the reader's language ("ทำงานด้านผู้สูงอายุเหมือนกัน"). */
import { translate } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/money.js';
import type { MatchFactor } from './matching.js';

export function explainFactor(factor: MatchFactor, locale: Locale): string {
  const p = factor.params;
  const label = (list: string, value: unknown) =>
    typeof value === 'string' ? translate(locale, `vocab.${list}.${value}`) : '';
  return translate(locale, `match.${factor.key}`, {
    issue: label('issue', p.issue),
    target: label('target', p.target),
    resource: label('resource', p.resource),
    region: label('region', p.region),
  });
}
