/**
 * What an application's page shows of its reviews. Staff: every review with its reviewer, conflict
 * answers and notes, who may still be assigned (and why the others may not), and the comments the
 * reviewers wrote for the applicant. The applicant: those comments only once a decision is made,
 * never who wrote them.
 */
import mongoose from 'mongoose';
import { Review } from './review.model.js';
import { Application } from './application.model.js';
import { GrantCall } from './call.model.js';
import { recheckReviews, conflictsInMap } from './review.conflicts.js';
import { rubricOf, toReviewView, type ReviewView } from './review.service.js';
import type { ConflictReason } from './review.assignment.js';
import type { Rubric } from './review.scoring.js';
import { rolesOn, load } from './application.service.js';
import type { Actor } from '../../shared/actor.js';
import { peopleByIds } from '../accounts/index.js';
import { assertRole } from '../../shared/actor.js';

/** Outcomes after which the applicant reads the reviewers' comments. */
const DECIDED = ['approved', 'waitlisted', 'declined'];

/** Reviews of one application for staff: who, status, conflicts (and the reviewer's note), scores, comments. */
export async function reviewsOfApplication(
  actor: Actor,
  applicationId: string,
): Promise<(ReviewView & { reviewerName: string })[]> {
  assertRole(actor, 'staff', 'admin');
  const reviews = mongoose.isValidObjectId(applicationId) ? await Review.find({ applicationId }) : [];
  if (!reviews.length) return [];
  const [call, app] = await Promise.all([
    GrantCall.findById(reviews[0]?.callId),
    Application.findById(applicationId, { orgId: 1 }).lean(),
  ]);
  const flags = app
    ? await recheckReviews(reviews, app.orgId)
    : new Map<string, { reasons: string[]; flaggedAt: Date }>();
  const people = [
    ...reviews.map((r) => r.reviewerId),
    ...reviews.flatMap((r) => (r.conflictClearances ?? []).map((c) => c.clearedBy)),
  ];
  const names = new Map((await peopleByIds(people)).map((u) => [u.id, u.name]));
  const rubric = call ? rubricOf(call) : { criteria: [], scale: { min: 1, max: 5 } };
  return reviews.map((r) => {
    const view = toReviewView(r, rubric);
    return {
      ...view,
      conflictFlag: flags.get(view.id) ?? view.conflictFlag,
      clearances: view.clearances.map((c) => ({ ...c, clearedByName: names.get(c.clearedBy) ?? '' })),
      reviewerName: names.get(String(r.reviewerId)) ?? '',
    };
  });
}

/** An application's organisation and its call's committee (ids), for the two staff views below. */
async function committeeOf(applicationId: string) {
  const app = mongoose.isValidObjectId(applicationId)
    ? await Application.findById(applicationId, { callId: 1, orgId: 1 }).lean()
    : null;
  if (!app) return { app: null, committee: [] as string[] };
  const call = await GrantCall.findById(app.callId, { committeeUserIds: 1 }).lean();
  return { app, committee: (call?.committeeUserIds ?? []).map(String) };
}

/** Committee members the social map links to an application's organisation, with why: flagged to staff. */
export async function committeeConflicts(
  actor: Actor,
  applicationId: string,
): Promise<{ name: string; reasons: ConflictReason[] }[]> {
  assertRole(actor, 'staff', 'admin');
  const { app, committee } = await committeeOf(applicationId);
  if (!app || !committee.length) return [];
  const conflicts = await conflictsInMap(committee, app.orgId);
  const flagged = committee.filter((id) => (conflicts.get(id) ?? []).length);
  if (!flagged.length) return [];
  const users = await peopleByIds(flagged);
  return users.map((u) => ({ name: u.name, reasons: conflicts.get(u.id) ?? [] }));
}

export type NotOffered = 'assigned' | 'declared_conflict' | ConflictReason;

export interface CommitteeChoice {
  id: string;
  name: string;
  /** Null when staff may assign them; otherwise why not (already on it, declared or linked). */
  notOffered: NotOffered | null;
}

/**
 * The committee as the assignment form offers it: those already assigned, those who declared a
 * conflict on this application and those the social map links to the applicant are listed with
 * the reason, not as a box to tick.
 */
export async function assignableCommittee(actor: Actor, applicationId: string): Promise<CommitteeChoice[]> {
  assertRole(actor, 'staff', 'admin');
  const { app, committee } = await committeeOf(applicationId);
  if (!app || !committee.length) return [];
  const [users, reviews, conflicts] = await Promise.all([
    peopleByIds(committee),
    Review.find({ applicationId: app._id }, { reviewerId: 1, declaredConflict: 1 }).lean(),
    conflictsInMap(committee, app.orgId),
  ]);
  const review = new Map(reviews.map((r) => [String(r.reviewerId), r]));
  return users.map((u) => {
    const id = u.id;
    const mine = review.get(id);
    const linked = conflicts.get(id) ?? [];
    const notOffered: NotOffered | null =
      mine?.declaredConflict === true ? 'declared_conflict' : mine ? 'assigned' : (linked[0] ?? null);
    return { id, name: u.name, notOffered };
  });
}

/**
 * The comments reviewers wrote for the applicant, without their names (numbered in the order the
 * reviews were handed in). Staff read them at any time; the applicant's members once a decision
 * is made; anyone else gets none. A review left out for a conflict is left out here too.
 */
export async function reviewerComments(actor: Actor, applicationId: string): Promise<{ n: number; text: string }[]> {
  if (!actor || !mongoose.isValidObjectId(applicationId)) return [];
  const loaded = await load(applicationId);
  const roles = rolesOn(actor, loaded.memberUserIds);
  const staff = roles.includes('staff');
  const decided = DECIDED.includes(loaded.doc.decision?.outcome ?? '');
  if (!staff && !(roles.includes('applicant') && decided)) return [];
  return commentsOf(applicationId);
}

/** The anonymous comments to the applicant of an application's submitted reviews (for pages and the decision email). */
export async function commentsOf(applicationId: string): Promise<{ n: number; text: string }[]> {
  const reviews = await Review.find(
    { applicationId, status: 'submitted', conflictFlag: null },
    { commentForApplicant: 1, submittedAt: 1 },
  ).lean();
  return reviews
    .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0))
    .map((r) => (r.commentForApplicant ?? '').trim())
    .filter(Boolean)
    .map((text, i) => ({ n: i + 1, text }));
}

/** Staff's whole review side of one application page. */
export interface StaffReviewPanel {
  reviews: (ReviewView & { reviewerName: string })[];
  committee: CommitteeChoice[];
  conflicts: { name: string; reasons: ConflictReason[] }[];
  comments: { n: number; text: string }[];
}

/**
 * What reviewsOfApplication, assignableCommittee, committeeConflicts and reviewerComments give
 * staff, from one read of the reviews and one of the people named: the application page asked
 * for each separately (twenty queries a view). The caller has loaded the application and call.
 */
export async function staffReviewPanel(
  actor: Actor,
  app: { id: string; orgId: string },
  call: { committeeUserIds: readonly string[]; rubric: Rubric },
): Promise<StaffReviewPanel> {
  assertRole(actor, 'staff', 'admin');
  const committee = [...call.committeeUserIds];
  const reviews = await Review.find({ applicationId: app.id });
  const [flags, links] = await Promise.all([
    reviews.length ? recheckReviews(reviews, app.orgId) : new Map<string, { reasons: string[]; flaggedAt: Date }>(),
    committee.length ? conflictsInMap(committee, app.orgId) : new Map<string, ConflictReason[]>(),
  ]);
  const people = await peopleByIds([
    ...new Set([
      ...committee,
      ...reviews.map((r) => String(r.reviewerId)),
      ...reviews.flatMap((r) => (r.conflictClearances ?? []).map((c) => String(c.clearedBy))),
    ]),
  ]);
  const names = new Map(people.map((u) => [u.id, u.name]));
  const views = reviews.map((r) => {
    const view = toReviewView(r, call.rubric);
    return {
      ...view,
      conflictFlag: flags.get(view.id) ?? view.conflictFlag,
      clearances: view.clearances.map((c) => ({ ...c, clearedByName: names.get(c.clearedBy) ?? '' })),
      reviewerName: names.get(String(r.reviewerId)) ?? '',
    };
  });
  const onCommittee = people.filter((u) => committee.includes(u.id));
  const byReviewer = new Map(reviews.map((r) => [String(r.reviewerId), r]));
  return {
    reviews: views,
    committee: onCommittee.map((u) => {
      const mine = byReviewer.get(u.id);
      const linked = links.get(u.id) ?? [];
      const notOffered: NotOffered | null =
        mine?.declaredConflict === true ? 'declared_conflict' : mine ? 'assigned' : (linked[0] ?? null);
      return { id: u.id, name: u.name, notOffered };
    }),
    conflicts: onCommittee
      .filter((u) => (links.get(u.id) ?? []).length)
      .map((u) => ({ name: u.name, reasons: links.get(u.id) ?? [] })),
    // As commentsOf: submitted, not flagged (now or before), in the order handed in, without names.
    comments: reviews
      .filter((r) => r.status === 'submitted' && !r.conflictFlag && !flags.has(String(r._id)))
      .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0))
      .map((r) => (r.commentForApplicant ?? '').trim())
      .filter(Boolean)
      .map((text, i) => ({ n: i + 1, text })),
  };
}
