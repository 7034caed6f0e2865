/**
 * What the call pages show, assembled from the call service's plain views: the public page, the
 * open-data row, and staff's call form (a call as the form's values, and what else the form shows).
 */
import { toBangkokDateTimeInput } from '../../shared/dates.js';
import { satangToInput } from '../../shared/money.js';
import type { CallView } from './call.service.js';
import type { eligibilityFor } from './call-eligibility.service.js';
import { withSpareRows } from './grants.views.js';
import { listFunds } from '../funds/index.js';
import { ISSUES, ORG_ROLES, ORG_TYPES, geography } from '../directory/index.js';

const vocabulary = { roles: ORG_ROLES, types: ORG_TYPES, issues: ISSUES };

/** A call's form values, for editing (the same names the form posts). */
export function callFormValues(call: CallView, committeeEmails: string[]): Record<string, unknown> {
  return {
    fundSlug: call.fund?.slug ?? '',
    titleTh: call.title.th,
    titleEn: call.title.en,
    descriptionTh: call.description.th,
    descriptionEn: call.description.en,
    orgTypes: call.eligibility.orgTypes,
    roles: call.eligibility.roles,
    provinces: call.eligibility.provinces,
    issues: call.eligibility.issues,
    budget: satangToInput(call.budgetSatang),
    maxPerGrant: satangToInput(call.maxPerGrantSatang),
    opensAt: toBangkokDateTimeInput(call.opensAt),
    closesAt: toBangkokDateTimeInput(call.closesAt),
    stages: String(call.stages),
    fullProposalClosesAt: call.fullProposalClosesAt ? toBangkokDateTimeInput(call.fullProposalClosesAt) : '',
    criteria: call.rubric.criteria.map((c) => ({
      nameTh: c.name.th,
      nameEn: c.name.en,
      descriptionTh: c.description.th,
      descriptionEn: c.description.en,
      weight: String(c.weight),
    })),
    scaleMin: String(call.rubric.scale.min),
    scaleMax: String(call.rubric.scale.max),
    descriptors: call.rubric.scale.descriptors.map((d) => ({
      score: String(d.score),
      labelTh: d.label.th,
      labelEn: d.label.en,
    })),
    committee: committeeEmails.join('\n'),
    reviewsPerApplication: String(call.reviewsPerApplication),
    reviewDueAt: call.reviewDueAt ? toBangkokDateTimeInput(call.reviewDueAt) : '',
    blindReview: call.blindReview ? 'on' : '',
    tranches: call.tranchePercents.join(', '),
  };
}

/** What the call form shows besides its values: funds, vocabularies, provinces and rows (a spare two each). */
export async function callFormLocals(formValues: unknown): Promise<Record<string, unknown>> {
  const [funds, geo] = await Promise.all([listFunds(), geography()]);
  const values = (formValues ?? {}) as Record<string, unknown>;
  return {
    funds,
    vocabulary,
    provinces: geo.provinces,
    criteriaRows: withSpareRows(values.criteria as Record<string, string>[] | undefined, 2, {}),
    descriptorRows: withSpareRows(values.descriptors as Record<string, string>[] | undefined, 2, {}),
  };
}

/** The public call page: the call, the names of the provinces it is open to, and whether one may apply now. */
export async function callPageLocals(
  call: CallView,
  eligibility: Awaited<ReturnType<typeof eligibilityFor>>,
): Promise<Record<string, unknown>> {
  const geo = await geography();
  return {
    call,
    provinceNames: call.eligibility.provinces.map((code) => geo.province(code)).filter(Boolean),
    eligibility,
    canApply: call.phase === 'open',
  };
}

/** An open call as the open-data API publishes it. */
export function callApiRow(c: CallView) {
  return {
    id: c.id,
    fund: c.fund ? { slug: c.fund.slug, name: c.fund.name } : null,
    title: c.title,
    description: c.description,
    eligibility: c.eligibility,
    budgetSatang: c.budgetSatang,
    maxPerGrantSatang: c.maxPerGrantSatang,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    stages: c.stages,
    phase: c.phase,
    daysLeft: c.daysLeft,
    url: `/calls/${c.id}`,
  };
}
