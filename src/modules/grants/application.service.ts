/**
 * Applications: start (prefilled from the organisation), save drafts, see one, and list them.
 * Status changes are in application-transition.service.ts, files in application-attachment.service.ts.
 */
import mongoose from 'mongoose';
import { Application, type ApplicationDoc } from './application.model.js';
import { GrantCall, type GrantCallDoc } from './call.model.js';
import { Review } from './review.model.js';
import { assertStillUnconflicted } from './review.conflicts.js';
import {
  EDITABLE_STATES,
  applicationWorkflow,
  mayReadComment,
  mayReadDecisionNotes,
  type ApplicationAction,
  type ApplicationState,
  type WorkflowRole,
} from './application.workflow.js';
import {
  budgetFits,
  budgetTotalSatang,
  callPhase,
  eligibilityProblems,
  lineTotalSatang,
  type BudgetLine,
} from './grant.rules.js';
import { loadCall } from './call.service.js';
import { applicantProfile, geography, isConsistentArea, organisationBrief } from '../directory/index.js';
import { assertMember, hasRole, isMember, type Actor } from '../../shared/actor.js';
import { assertEmailVerified } from '../accounts/index.js';
import { availableActions } from '../../shared/workflow.js';
import { withLock } from '../../shared/db/lock.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  isDuplicateKeyError,
} from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import { translate } from '../../shared/i18n/index.js';

const log = logger.child({ module: 'applications' });

export interface ApplicationInput {
  title: string;
  problem: string;
  objectives: string;
  activities: { activity: string; timing: string }[];
  targetGroup: string;
  beneficiaries: number;
  area: { provinceCode?: string | undefined; districtCode?: string | undefined; subDistrictCode?: string | undefined };
  budgetLines: BudgetLine[];
  coFunding: { source: string; amountSatang: number }[];
  results: { result: string; indicator: string; target: string }[];
}

export interface HistoryView {
  action: string;
  from: string | null;
  to: string;
  byName: string;
  at: Date;
  comment: string;
}

export interface ApplicationView extends ApplicationInput {
  id: string;
  callId: string;
  orgId: string;
  /** Hidden (null) from reviewers of a blind call. */
  org: { id: string; name: { th: string; en: string } } | null;
  status: ApplicationState;
  stage: 'concept' | 'full';
  requestedSatang: number;
  budgetLines: (BudgetLine & { totalSatang: number })[];
  attachments: { id: string; filename: string; contentType: string; size: number }[];
  history: HistoryView[];
  submittedAt: Date | null;
  infoRequest: string;
  decision: { outcome: string | null; notes: string; letter: string; at: Date | null };
  createdAt: Date;
  updatedAt: Date;
  /** What the person looking may do. */
  roles: WorkflowRole[];
  isReviewer: boolean;
  editable: boolean;
  actions: { action: ApplicationAction; needsComment: boolean }[];
}

export interface Loaded {
  doc: ApplicationDoc;
  call: GrantCallDoc;
  memberUserIds: string[];
  orgName: { th: string; en: string };
}

export async function load(id: string): Promise<Loaded> {
  const doc = mongoose.isValidObjectId(id) ? await Application.findById(id) : null;
  if (!doc) throw new NotFoundError('grants.applicationNotFound');
  const [call, org] = await Promise.all([GrantCall.findById(doc.callId), organisationBrief(doc.orgId)]);
  if (!call) throw new NotFoundError('grants.applicationNotFound');
  return {
    doc,
    call,
    memberUserIds: org?.memberUserIds ?? [],
    orgName: org?.name ?? { th: '', en: '' },
  };
}

/** The person's roles on this application: a member of the applying organisation, staff, or none. */
export function rolesOn(actor: Actor, memberUserIds: readonly string[]): WorkflowRole[] {
  if (!actor) return [];
  const roles: WorkflowRole[] = [];
  if (isMember(actor, memberUserIds)) roles.push('applicant');
  if (hasRole(actor, 'staff', 'admin')) roles.push('staff');
  return roles;
}

/**
 * Whether the person is an assigned reviewer who has said they have no conflict. The social map is
 * read again as on the reviewer's desk: one linked to the applicant since assignment is refused (403,
 * and the review flagged for staff), so the proposal and its files stay closed to them.
 */
async function reviewerMayRead(actor: Actor, applicationId: string): Promise<boolean> {
  if (!actor || !hasRole(actor, 'reviewer')) return false;
  const review = await Review.findOne({ applicationId, reviewerId: actor.id });
  if (
    !review ||
    review.status === 'conflicted' ||
    review.declaredConflict !== false ||
    (review.detectedConflicts ?? []).length > 0
  )
    return false;
  await assertStillUnconflicted(review);
  return true;
}

function toView(loaded: Loaded, roles: WorkflowRole[], isReviewer: boolean): ApplicationView {
  const { doc, call } = loaded;
  const status = doc.status as ApplicationState;
  const blind = isReviewer && roles.length === 0 && call.blindReview === true;
  // Service steps (award, paying, closing) have their own pages: never a button here.
  const actions = availableActions(applicationWorkflow, status, roles)
    .filter((t) => t.kind !== 'service')
    .map((t) => ({ action: t.action, needsComment: t.needsComment === true }));
  return {
    id: doc._id.toString(),
    callId: String(doc.callId),
    orgId: blind ? '' : String(doc.orgId),
    org: blind ? null : { id: String(doc.orgId), name: loaded.orgName },
    status,
    stage: doc.stage === 'concept' ? 'concept' : 'full',
    title: doc.title ?? '',
    problem: doc.problem ?? '',
    objectives: doc.objectives ?? '',
    activities: (doc.activities ?? []).map((a) => ({ activity: a.activity, timing: a.timing ?? '' })),
    targetGroup: doc.targetGroup ?? '',
    beneficiaries: doc.beneficiaries ?? 0,
    area: {
      provinceCode: doc.area?.provinceCode ?? undefined,
      districtCode: doc.area?.districtCode ?? undefined,
      subDistrictCode: doc.area?.subDistrictCode ?? undefined,
    },
    budgetLines: (doc.budgetLines ?? []).map((l) => ({
      item: l.item,
      quantity: l.quantity,
      unitCostSatang: l.unitCostSatang,
      totalSatang: lineTotalSatang(l),
    })),
    requestedSatang: doc.requestedSatang ?? 0,
    coFunding: (doc.coFunding ?? []).map((c) => ({ source: c.source, amountSatang: c.amountSatang })),
    results: (doc.results ?? []).map((r) => ({
      result: r.result,
      indicator: r.indicator ?? '',
      target: r.target ?? '',
    })),
    attachments: (doc.attachments ?? []).map((a) => ({
      id: a._id.toString(),
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
    })),
    // Reviewers of a blind call see the history's states, not who moved them.
    history: (doc.history ?? []).map((h) => ({
      action: h.action,
      from: h.from ?? null,
      to: h.to,
      byName: blind ? '' : (h.byName ?? ''),
      at: h.at,
      // A decision's comment is the committee's meeting notes: staff only (the applicant gets the letter).
      comment: mayReadComment(h.action, roles) ? (h.comment ?? '') : '',
    })),
    submittedAt: doc.submittedAt ?? null,
    infoRequest: doc.infoRequest ?? '',
    decision: {
      outcome: doc.decision?.outcome ?? null,
      notes: mayReadDecisionNotes(roles) ? (doc.decision?.notes ?? '') : '',
      letter: doc.decision?.letter ?? '',
      at: doc.decision?.at ?? null,
    },
    createdAt: (doc as unknown as { createdAt: Date }).createdAt,
    updatedAt: (doc as unknown as { updatedAt: Date }).updatedAt,
    roles,
    isReviewer,
    editable: roles.includes('applicant') && EDITABLE_STATES.includes(status),
    actions,
  };
}

/**
 * An application for someone allowed to see it: the applying organisation's members, staff, and
 * assigned reviewers without a conflict. Everyone else gets "not found" (not even its existence).
 */
export async function getApplication(actor: Actor, id: string): Promise<ApplicationView> {
  if (!actor) throw new UnauthorizedError();
  const loaded = await load(id);
  const roles = rolesOn(actor, loaded.memberUserIds);
  const isReviewer = roles.length === 0 ? await reviewerMayRead(actor, id) : false;
  if (roles.length === 0 && !isReviewer) throw new NotFoundError('grants.applicationNotFound');
  return toView(loaded, roles, isReviewer);
}

/**
 * Starts (or returns the existing) application of an organisation to an open call, prefilled from
 * its profile. Only a member of the organisation, only if eligible, only while the call is open.
 */
export async function startApplication(actor: Actor, callId: string, orgId: string): Promise<string> {
  if (!actor) throw new UnauthorizedError();
  const call = await loadCall(callId);
  if (call.status === 'draft') throw new NotFoundError('grants.callNotFound');
  const org = await applicantProfile(orgId);
  if (!org) throw new NotFoundError('directory.notFound');
  assertMember(actor, org.memberUserIds, new ForbiddenError('grants.notMember'));
  // Applying speaks for the organisation: only someone whose address is verified may start.
  await assertEmailVerified(actor);
  const existing = await Application.findOne({ callId: call._id, orgId: org.id }, { _id: 1 }).lean();
  if (existing) return existing._id.toString();
  if (callPhase(call, new Date()) !== 'open') throw new ConflictError('grants.callNotOpen');
  const problems = eligibilityProblems(
    {
      orgTypes: call.eligibility?.orgTypes ?? [],
      roles: call.eligibility?.roles ?? [],
      provinces: call.eligibility?.provinces ?? [],
      issues: call.eligibility?.issues ?? [],
    },
    {
      type: org.type,
      roles: org.roles,
      issues: org.issues,
      provinceCodes: org.provinceCodes,
    },
  );
  if (problems.length) throw new ForbiddenError(`grants.notEligible.${problems[0]}`);
  const status: ApplicationState = call.stages === 2 ? 'concept_draft' : 'draft';
  try {
    const doc = await Application.create({
      callId: call._id,
      orgId: org.id,
      createdBy: new mongoose.Types.ObjectId(actor.id),
      status,
      stage: call.stages === 2 ? 'concept' : 'full',
      targetGroup: org.targetGroups.map((t) => translate('th', `vocab.target.${t}`)).join(', '),
      area: {
        provinceCode: org.home.provinceCode,
        districtCode: org.home.districtCode ?? undefined,
        subDistrictCode: org.home.subDistrictCode ?? undefined,
      },
      history: [
        {
          action: 'create',
          from: null,
          to: status,
          byUserId: new mongoose.Types.ObjectId(actor.id),
          byName: actor.name ?? '',
          at: new Date(),
        },
      ],
    });
    log.info({ applicationId: doc._id.toString(), callId, orgId }, 'application started');
    return doc._id.toString();
  } catch (error) {
    // Two tabs started it at once: the unique (call, organisation) pair kept one; use it.
    if (!isDuplicateKeyError(error)) throw error;
    const again = await Application.findOne({ callId: call._id, orgId: org.id }, { _id: 1 }).lean();
    return String(again?._id);
  }
}

async function checkArea(area: ApplicationInput['area']): Promise<void> {
  if (!area.provinceCode) return;
  const geo = await geography();
  if (
    !isConsistentArea(geo, {
      provinceCode: area.provinceCode,
      districtCode: area.districtCode,
      subDistrictCode: area.subDistrictCode,
    })
  ) {
    throw new ValidationError({ provinceCode: { key: 'directory.badArea' } });
  }
}

/** Saves the applicant's text at any time while it is theirs to write; the amount is computed here. */
export async function saveApplication(actor: Actor, id: string, input: ApplicationInput): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  await checkArea(input.area);
  await withLock(`application:${id}`, async () => {
    const loaded = await load(id);
    const roles = rolesOn(actor, loaded.memberUserIds);
    if (!roles.includes('applicant')) throw new ForbiddenError();
    if (!EDITABLE_STATES.includes(loaded.doc.status as ApplicationState)) throw new ConflictError('grants.notEditable');
    if (!budgetFits(input.budgetLines)) throw new ValidationError({ budget: { key: 'grants.budgetTooLarge' } });
    loaded.doc.set({ ...input, requestedSatang: budgetTotalSatang(input.budgetLines) });
    await loaded.doc.save();
  });
}
