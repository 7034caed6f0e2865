/** Input shapes of the grant forms; every message is an i18n key. */
import { z } from 'zod';
import { ISSUES, ORG_ROLES, ORG_TYPES } from '../directory/index.js';
import { APPLICATION_ACTIONS } from './application.workflow.js';
import { RECOMMENDATIONS } from './review.scoring.js';
import { APPLICATION_STATES } from './application.workflow.js';
import {
  baht,
  bangkokDateTime,
  checkbox,
  codes,
  count,
  many,
  objectId,
  optionalAreaCode,
  optionalBaht,
  optionalText,
  requiredText,
  rows,
  text,
} from '../../shared/http/form-fields.js';
import { budgetFits } from './grant.rules.js';
import type { CallInput } from './call.service.js';
import type { ApplicationInput } from './application.service.js';

const optionalDateTime = z
  .union([z.literal(''), bangkokDateTime])
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const smallInt = (min: number, max: number) =>
  z.coerce
    .number('validation.invalid')
    .int('validation.invalid')
    .min(min, 'validation.tooSmall')
    .max(max, 'validation.tooBig');

export const callSchema = z
  .object({
    fundSlug: z.string().regex(/^[a-z0-9-]{2,60}$/, 'validation.choice'),
    titleTh: requiredText(200),
    titleEn: optionalText(200),
    descriptionTh: optionalText(10_000),
    descriptionEn: optionalText(10_000),
    orgTypes: many(ORG_TYPES),
    roles: many(ORG_ROLES, 3),
    provinces: codes(/^\d{2}$/, 77),
    issues: many(ISSUES),
    budget: baht,
    maxPerGrant: baht,
    opensAt: bangkokDateTime,
    closesAt: bangkokDateTime,
    stages: z.enum(['1', '2'], 'validation.choice').transform((v) => (v === '2' ? 2 : 1) as 1 | 2),
    fullProposalClosesAt: optionalDateTime,
    criteria: rows(
      {
        nameTh: requiredText(200),
        nameEn: optionalText(200),
        descriptionTh: optionalText(2000),
        descriptionEn: optionalText(2000),
        weight: smallInt(1, 100),
      },
      20,
    ),
    scaleMin: smallInt(0, 10),
    scaleMax: smallInt(1, 10),
    descriptors: rows({ score: smallInt(0, 10), labelTh: requiredText(300), labelEn: optionalText(300) }, 11),
    committee: optionalText(5000),
    reviewsPerApplication: smallInt(1, 10),
    reviewDueAt: optionalDateTime,
    blindReview: checkbox,
    tranches: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\s*,\s*\d{1,3}){0,5}$/, 'grants.tranchesFormat')
      .transform((v) => v.split(',').map((p) => Number(p.trim())))
      .refine(
        (parts) => parts.every((p) => p > 0) && parts.reduce((a, b) => a + b, 0) === 100,
        'grants.tranchesFormat',
      ),
  })
  .transform((v): CallInput => ({
    fundSlug: v.fundSlug,
    titleTh: v.titleTh,
    titleEn: v.titleEn,
    descriptionTh: v.descriptionTh,
    descriptionEn: v.descriptionEn,
    orgTypes: v.orgTypes,
    roles: v.roles,
    provinces: v.provinces,
    issues: v.issues,
    budgetSatang: v.budget,
    maxPerGrantSatang: v.maxPerGrant,
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    stages: v.stages,
    fullProposalClosesAt: v.fullProposalClosesAt,
    // Criteria are keyed by position; a call's rubric is settled before reviews begin.
    criteria: v.criteria.map((c, i) => ({ key: `c${i + 1}`, ...c })),
    scaleMin: v.scaleMin,
    scaleMax: v.scaleMax,
    descriptors: v.descriptors,
    committeeEmails: [
      ...new Set(
        v.committee
          .split(/[\s,;]+/)
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    ],
    reviewsPerApplication: v.reviewsPerApplication,
    reviewDueAt: v.reviewDueAt,
    blindReview: v.blindReview,
    tranchePercents: v.tranches,
  }));

export const startSchema = z.object({ orgId: objectId });

const wholeNumber = (max: number) => count(max, 'validation.invalid');

/**
 * The application form's repeated rows: each row's fields and how many rows a group may have.
 * The form checks each filled row on its own too (application-form.views.ts), to mark the very row.
 */
/** The most of one budget line's item (also the budget script's bound, data-max-quantity). */
export const MAX_QUANTITY = 1_000_000;

export const APPLICATION_ROWS = {
  activities: { shape: { activity: requiredText(1000), timing: optionalText(200) }, max: 30 },
  budget: {
    shape: {
      item: requiredText(300),
      quantity: wholeNumber(MAX_QUANTITY).refine((q) => q >= 1, 'grants.quantityNeeded'),
      unitCost: baht,
    },
    max: 50,
  },
  cofunding: { shape: { source: requiredText(300), amount: baht }, max: 20 },
  results: { shape: { result: requiredText(1000), indicator: optionalText(500), target: optionalText(200) }, max: 30 },
} as const;
export type ApplicationRowGroup = keyof typeof APPLICATION_ROWS;

export const applicationSchema = z
  .object({
    title: optionalText(300),
    problem: optionalText(10_000),
    objectives: optionalText(5_000),
    activities: rows(APPLICATION_ROWS.activities.shape, APPLICATION_ROWS.activities.max),
    targetGroup: optionalText(1000),
    beneficiaries: wholeNumber(10_000_000),
    provinceCode: optionalAreaCode(2),
    districtCode: optionalAreaCode(4),
    subDistrictCode: optionalAreaCode(6),
    budget: rows(APPLICATION_ROWS.budget.shape, APPLICATION_ROWS.budget.max),
    cofunding: rows(APPLICATION_ROWS.cofunding.shape, APPLICATION_ROWS.cofunding.max),
    results: rows(APPLICATION_ROWS.results.shape, APPLICATION_ROWS.results.max),
  })
  // Each field has its own ceiling, but 1,000,000 × ฿100,000,000 is past the range where numbers
  // stay exact: the request is capped at the app's largest amount, as one field message.
  .superRefine((v, ctx) => {
    if (
      Array.isArray(v.budget) &&
      !budgetFits(v.budget.map((l) => ({ quantity: l.quantity, unitCostSatang: l.unitCost })))
    )
      ctx.addIssue({ code: 'custom', path: ['budget'], message: 'grants.budgetTooLarge' });
  })
  .transform((v): ApplicationInput => ({
    title: v.title,
    problem: v.problem,
    objectives: v.objectives,
    activities: v.activities,
    targetGroup: v.targetGroup,
    beneficiaries: v.beneficiaries,
    area: {
      provinceCode: v.provinceCode || undefined,
      districtCode: v.districtCode || undefined,
      subDistrictCode: v.subDistrictCode || undefined,
    },
    budgetLines: v.budget.map((l) => ({ item: l.item, quantity: l.quantity, unitCostSatang: l.unitCost })),
    coFunding: v.cofunding.map((c) => ({ source: c.source, amountSatang: c.amount })),
    results: v.results,
  }));

export const transitionSchema = z.object({
  action: z.enum(APPLICATION_ACTIONS, 'validation.choice'),
  comment: optionalText(5000),
  letter: optionalText(10_000),
  confirm: checkbox,
});

export const conflictSchema = z.object({
  conflict: z.enum(['yes', 'no'], 'validation.choice').transform((v) => v === 'yes'),
  note: optionalText(2000),
});

export const reviewSchema = z.object({
  scores: z
    .record(z.string().regex(/^[a-z0-9_]{1,40}$/), z.string().max(3))
    .optional()
    .default({}),
  recommendation: z
    .union([z.literal(''), z.enum(RECOMMENDATIONS, 'validation.choice')])
    .optional()
    .transform((v) => v || undefined),
  commentForStaff: optionalText(10_000),
  commentForApplicant: optionalText(10_000),
  intent: z.enum(['save', 'submit'], 'validation.choice'),
  /** The confirmation step: its form says so, and the reviewer ticks the box to submit for good. */
  step: z.enum(['confirm'], 'validation.choice').optional(),
  confirm: checkbox,
});

/** Staff clearing a review flagged for a conflict: why, kept with who and when. */
export const clearConflictSchema = z.object({ note: requiredText(2000) });

export const assignSchema = z.object({ reviewerIds: codes(/^[a-f0-9]{24}$/, 20, 'validation.choice') });

/** `from`: the page the award form was on (the decision view, or the application by default). */
export const awardSchema = z
  .object({
    amount: baht,
    conditions: optionalText(5000),
    from: z.enum(['decisions'], 'validation.choice').optional(),
  })
  .transform(({ amount, ...value }) => ({ ...value, amountSatang: amount }));

/** A decision taken from the decision view: the same transitions as on the application page. */
export const decideSchema = z.object({
  action: z.enum(['approve', 'waitlist', 'decline'], 'validation.choice'),
  comment: optionalText(5000),
  letter: optionalText(10_000),
  /** A decline is final and mails the applicant: from the decision view's row of buttons it needs this tick. */
  confirmDecline: checkbox,
});

export const trancheSchema = z.object({ reference: requiredText(200) });

export const reportSchema = z.object({
  narrative: text(20_000),
  // Lines left without an amount say nothing spent on them: dropped.
  spending: rows({ line: smallInt(0, 49), spent: optionalBaht }, 50).transform((list) =>
    list.flatMap(({ line, spent }) => (spent === undefined ? [] : [{ line, spentSatang: spent }])),
  ),
  indicators: rows({ result: smallInt(0, 29), value: optionalText(500) }, 30),
});

export const reportReviewSchema = z.object({
  decision: z.enum(['accept', 'return'], 'validation.choice'),
  comment: optionalText(5000),
});

/** A page of the decision view (a bad number falls back to the first page). */
export const decisionsQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const callApplicationsQuery = z.object({
  status: z.enum(APPLICATION_STATES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
