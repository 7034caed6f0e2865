/**
 * What the reviewer's page shows, assembled from the services' plain views: the proposal's area,
 * the score buttons and the refused form's problems in the page's order.
 */
import type { FieldErrors } from '../../shared/errors.js';
import type { Locale } from '../../shared/money.js';
import { RECOMMENDATIONS } from './review.scoring.js';
import { range } from './grants.views.js';
import { areaLabel, geography } from '../directory/index.js';
import type { ApplicationView } from './application.service.js';
import type { CallView } from './call.service.js';
import type { getMyReview } from './review.service.js';

type Criterion = { key: string; name: { th: string; en: string } };

/** The problems of a refused form as links to their fields, in the order of the page (criteria first). */
export function errorList(fields: FieldErrors, criteria: readonly Criterion[]) {
  const order = [...criteria.map((c) => `scores.${c.key}`), 'recommendation', 'confirm'];
  return Object.entries(fields)
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
    .map(([field, m]) => {
      const criterion = field.startsWith('scores.') ? criteria.find((c) => `scores.${c.key}` === field) : undefined;
      return {
        // A criterion the call does not have (a crafted form) points at the scores' heading.
        anchor: criterion ? `c-${criterion.key}` : field.startsWith('scores.') ? 'scores' : `c-${field}`,
        name: criterion?.name ?? null,
        labelKey:
          field === 'confirm'
            ? 'grants.confirmTitle'
            : field === 'recommendation'
              ? 'grants.recommendation'
              : 'grants.yourScores',
        key: m.key,
        params: m.params ?? {},
      };
    });
}

/** The reviewer's page: the conflict question, then the proposal (when they may read it) and the scores. */
export async function reviewPageLocals(page: {
  review: Awaited<ReturnType<typeof getMyReview>>;
  application: ApplicationView | null;
  call: CallView;
  locale: Locale;
  extra: Record<string, unknown>;
}): Promise<Record<string, unknown>> {
  const { review, application: app, call, extra } = page;
  const geo = await geography();
  return {
    review,
    application: app,
    areaLabel: app?.area.provinceCode
      ? areaLabel(
          geo,
          {
            provinceCode: app.area.provinceCode,
            districtCode: app.area.districtCode,
            subDistrictCode: app.area.subDistrictCode,
          },
          page.locale,
        )
      : null,
    call,
    recommendations: RECOMMENDATIONS,
    scale: range(call.rubric.scale.min, call.rubric.scale.max),
    ...extra,
    errorList: extra.errors ? errorList(extra.errors as FieldErrors, call.rubric.criteria) : [],
  };
}
