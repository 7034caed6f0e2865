/**
 * What several directory pages share: the vocabularies forms and filters list, and an organisation card with its place
 * name.
 */
import { areaLabel, type Geography } from './geography.js';
import type { OrgCard } from './social-map.js';
import { BUDGET_BANDS, ISSUES, ORG_ROLES, ORG_TYPES, RESOURCE_KINDS, TARGET_GROUPS } from './vocabulary.js';
import type { Locale } from '../../shared/money.js';

export const vocabulary = {
  roles: ORG_ROLES,
  types: ORG_TYPES,
  issues: ISSUES,
  targets: TARGET_GROUPS,
  resources: RESOURCE_KINDS,
  budgets: BUDGET_BANDS,
};

/** An organisation card with its home area named in the reader's language. */
export function cardView(geo: Geography, card: OrgCard, locale: Locale) {
  return { ...card, homeLabel: areaLabel(geo, card.home, locale) };
}
