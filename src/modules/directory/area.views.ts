/** What the area page and the survey form show: paged lists, bar shares and place names in the reader's language. */
import { buildPage } from '../../shared/pagination.js';
import { bangkokDay } from '../../shared/dates.js';
import type { Locale } from '../../shared/money.js';
import { areaLabel, type AreaRef, type Geography } from './geography.js';
import type { AreaView } from './area.service.js';
import type { OrgCard } from './social-map.js';
import { ASSET_KINDS } from './vocabulary.js';
import { cardView, vocabulary } from './directory.views.js';

const AREA_ORGS_PER_PAGE = 12;
const AREA_SURVEYS_PER_PAGE = 5;

/** One page of a list; a page past the end shows the last one. */
function slice<T>(list: T[], asked: number, perPage: number) {
  const page = Math.min(asked, Math.max(1, Math.ceil(list.length / perPage)));
  return buildPage(list.slice((page - 1) * perPage, page * perPage), list.length, page, perPage);
}

/** The area page: its organisations and surveys, each list paged on its own and keeping the other's page. */
export function areaPage(geo: Geography, view: AreaView, asked: { page: number; surveysPage: number }, locale: Locale) {
  const max = Math.max(1, ...view.children.map((c) => c.organisations));
  // Both lists are paged (a province's 178 organisations made a 12,000 px page on a phone).
  const organisations = slice(view.organisations, asked.page, AREA_ORGS_PER_PAGE);
  const surveys = slice(view.surveys, asked.surveysPage, AREA_SURVEYS_PER_PAGE);
  return {
    orgPage: {
      ...organisations,
      items: organisations.items.map((c) => cardView(geo, c, locale)),
      from: (organisations.page - 1) * organisations.perPage + 1,
      to: (organisations.page - 1) * organisations.perPage + organisations.items.length,
    },
    orgPageBase: `/areas/${view.code}?${surveys.page > 1 ? `surveysPage=${surveys.page}&` : ''}`,
    surveyPage: surveys,
    surveyPageBase: `/areas/${view.code}?${organisations.page > 1 ? `page=${organisations.page}&` : ''}`,
    view: {
      ...view,
      label: areaLabel(geo, view.area, locale),
      organisationCount: view.organisations.length,
      // `share`: a `percent` property would be shadowed by the `percent` view helper.
      children: view.children.map((c) => ({ ...c, share: Math.round((c.organisations / max) * 100) })),
    },
  };
}

/** The survey form around its fields: the area named, the organisations it may be recorded for, the lists. */
export function surveyFormLocals(geo: Geography, code: string, area: AreaRef, partnerOrgs: OrgCard[], locale: Locale) {
  return { code, areaName: areaLabel(geo, area, locale), partnerOrgs, assets: ASSET_KINDS, vocabulary };
}

/** A new survey's values: surveyed today. */
export const newSurveyValues = () => ({ surveyedOn: bangkokDay(new Date()) });
