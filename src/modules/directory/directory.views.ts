/**
 * What several directory pages share: the vocabularies forms and filters list, and an organisation card with its place
 * name and its tags' labels.
 */
import { areaLabel, type Geography } from './geography.js';
import type { OrgCard } from './social-map.js';
import { BUDGET_BANDS, ISSUES, ORG_ROLES, ORG_TYPES, RESOURCE_KINDS, TARGET_GROUPS } from './vocabulary.js';
import type { Locale } from '../../shared/money.js';
import { translate } from '../../shared/i18n/index.js';

export const vocabulary = {
  roles: ORG_ROLES,
  types: ORG_TYPES,
  issues: ISSUES,
  targets: TARGET_GROUPS,
  resources: RESOURCE_KINDS,
  budgets: BUDGET_BANDS,
};

// A directory page names a few hundred tags (twenty cards, the filters' lists); each label is looked
// up in the catalogue once per process and language rather than on every page.
const labels = new Map<string, string>();

/** The label of a vocabulary value ("issue", "elderly" → "ผู้สูงอายุ"), as the `t` helper would give it. */
export function vocabLabel(locale: Locale, list: string, value: string): string {
  return text(locale, `vocab.${list}.${value}`);
}

/** A message of the catalogue with no placeholders, looked up once per process and language. */
function text(locale: Locale, key: string): string {
  const memo = `${locale}:${key}`;
  let message = labels.get(memo);
  if (message === undefined) labels.set(memo, (message = translate(locale, key)));
  return message;
}

// "12 members" with the count's plural form: an interpolated message costs about three plain ones.
const memberCounts = new Map<string, string>();
function membersLabel(locale: Locale, count: number): string {
  const memo = `${locale}:${count}`;
  let label = memberCounts.get(memo);
  if (label === undefined) {
    if (memberCounts.size >= 5_000) memberCounts.clear();
    memberCounts.set(memo, (label = translate(locale, 'directory.membersCount', { count })));
  }
  return label;
}

/** A filter's choices with their labels, the chosen one marked. */
export function choices(locale: Locale, list: string, values: readonly string[], chosen: unknown) {
  return values.map((value) => ({ value, label: vocabLabel(locale, list, value), selected: value === chosen }));
}

/** An organisation card with its home area named in the reader's language, and its tags' labels. */
export function cardView(geo: Geography, card: OrgCard, locale: Locale) {
  return {
    ...card,
    homeLabel: areaLabel(geo, card.home, locale),
    typeLabel: vocabLabel(locale, 'type', card.type),
    roleLabels: card.roles.map((r) => vocabLabel(locale, 'role', r)),
    issueLabels: card.issues.map((i) => vocabLabel(locale, 'issue', i)),
    membersLabel: card.members ? membersLabel(locale, card.members) : '',
    text: {
      verified: text(locale, 'directory.verified'),
      verifiedTitle: text(locale, 'directory.verifiedTitle'),
      sample: text(locale, 'directory.sample'),
    },
  };
}
