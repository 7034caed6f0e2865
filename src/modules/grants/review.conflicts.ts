/**
 * Conflicts of interest after assignment. Assignment refuses a reviewer the social map links to
 * the applicant, but organisations declare their own networks: one can leave a network, have its
 * member assigned, and rejoin. So the links are read again whenever the reviewer opens, saves or
 * submits (from the database) and whenever staff look at the reviews (the application page and the
 * decision view, from the in-memory map: grants.lookups.ts). A review found linked is flagged: the
 * reviewer is shut out, its scores are left out of the ranking, until staff clear it with a note;
 * what they cleared stays cleared.
 */
import mongoose from 'mongoose';
import { Review, type ReviewDoc } from './review.model.js';
import { Application } from './application.model.js';
import { conflictLinks, reasonOfLink, type ConflictReason } from './review.assignment.js';
import type { ReviewRow } from './grants.snapshots.js';
import { linksInMap } from './grants.lookups.js';
import {
  membershipLinks,
  networksCoordinatedBy,
  organisationBrief,
  organisationsOfMembers,
} from '../directory/index.js';
import { assertRole } from '../../shared/actor.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import type { Actor } from '../../shared/actor.js';

type Id = mongoose.Types.ObjectId;

const log = logger.child({ module: 'review-conflicts' });

/** What the social map (the database, now) says links each reviewer to an application's organisation. */
export async function conflictsFor(reviewerIds: string[], orgId: Id | string): Promise<Map<string, ConflictReason[]>> {
  const links = await linksFor(reviewerIds, orgId);
  return new Map([...links].map(([userId, found]) => [userId, [...new Set(found.map(reasonOfLink))]]));
}

/** What the in-memory social map says links each reviewer to the applicant: what staff's pages show. */
export async function conflictsInMap(
  reviewerIds: string[],
  orgId: Id | string,
): Promise<Map<string, ConflictReason[]>> {
  const links = await linksInMap(reviewerIds, String(orgId));
  return new Map([...links].map(([userId, found]) => [userId, [...new Set(found.map(reasonOfLink))]]));
}

/** Each reviewer's links to the applicant, one per organisation or shared network (see conflictLinks). */
async function linksFor(reviewerIds: string[], orgId: Id | string): Promise<Map<string, string[]>> {
  const [org, coordinated, reviewerOrgs] = await Promise.all([
    organisationBrief(orgId),
    networksCoordinatedBy(orgId),
    organisationsOfMembers(reviewerIds),
  ]);
  const applicant = {
    orgId: String(orgId),
    memberUserIds: org?.memberUserIds ?? [],
    networkIds: org?.networkIds ?? [],
    coordinatesNetworkIds: coordinated,
  };
  const out = new Map<string, string[]>();
  for (const userId of reviewerIds) {
    const organisations = (reviewerOrgs.get(userId) ?? []).map((o) => ({ orgId: o.id, networkIds: o.networkIds }));
    out.set(userId, conflictLinks({ userId, organisations }, applicant));
  }
  return out;
}

/** A staff clearance as stored: the links judged no conflict (older ones only name the kinds). */
interface Clearance {
  reasons?: readonly string[] | null;
  links?: readonly string[] | null;
}

/**
 * The kinds of conflict behind links that staff have not already judged to be no conflict (their
 * latest clearance). A clearance covers the links it saw, not a kind: a later link through another
 * network is a new conflict.
 */
export function unclearedReasons(links: readonly string[], clearances: readonly Clearance[]): ConflictReason[] {
  const latest = clearances.at(-1);
  const cleared = new Set(latest?.links ?? []);
  const clearedKinds = new Set(latest && !latest.links?.length ? (latest.reasons ?? []) : []);
  const open = links.filter((link) => !cleared.has(link) && !clearedKinds.has(reasonOfLink(link)));
  return [...new Set(open.map(reasonOfLink))];
}

/** Flags a review once: the first detection's time and reasons are kept. */
async function flag(
  reviewId: Id | string,
  reasons: ConflictReason[],
  now = new Date(),
): Promise<{ reasons: string[]; flaggedAt: Date }> {
  const value = { reasons, flaggedAt: now };
  await Review.updateOne({ _id: reviewId, conflictFlag: null }, { $set: { conflictFlag: value } });
  log.warn(
    { reviewId: String(reviewId), reasons },
    'reviewer linked to the applicant after assignment: review flagged',
  );
  return value;
}

/**
 * The reviewer's own check, every time they open, save or submit: a flagged review, or one the
 * social map links to the applicant now, is refused (403) and nothing of theirs is saved.
 */
export async function assertStillUnconflicted(review: ReviewDoc): Promise<void> {
  // A declared conflict already closes the proposal; its page says so.
  if (review.status === 'conflicted') return;
  if (review.conflictFlag) throw new ForbiddenError('grants.conflictFoundNow');
  const app = await Application.findById(review.applicationId, { orgId: 1 }).lean();
  if (!app) return;
  const reviewerId = String(review.reviewerId);
  const reasons = unclearedReasons(
    (await linksFor([reviewerId], app.orgId)).get(reviewerId) ?? [],
    review.conflictClearances ?? [],
  );
  if (!reasons.length) return;
  await flag(review._id, reasons);
  throw new ForbiddenError('grants.conflictFoundNow');
}

/** One application's reviews checked again against the in-memory map (the staff page); newly linked ones flagged. */
export async function recheckReviews(
  reviews: ReviewDoc[],
  orgId: Id | string,
): Promise<Map<string, { reasons: string[]; flaggedAt: Date }>> {
  const out = new Map<string, { reasons: string[]; flaggedAt: Date }>();
  const open = reviews.filter((r) => r.status !== 'conflicted');
  const found = open.length
    ? await linksInMap([...new Set(open.map((r) => String(r.reviewerId)))], String(orgId))
    : new Map<string, string[]>();
  for (const review of open) {
    if (review.conflictFlag) {
      out.set(String(review._id), {
        reasons: [...(review.conflictFlag.reasons ?? [])],
        flaggedAt: review.conflictFlag.flaggedAt,
      });
      continue;
    }
    const reasons = unclearedReasons(found.get(String(review.reviewerId)) ?? [], review.conflictClearances ?? []);
    if (reasons.length) out.set(String(review._id), await flag(review._id, reasons));
  }
  return out;
}

/**
 * The reviews of a call whose scores the decision view leaves out: flagged, or linked now in the
 * in-memory social map beyond what staff cleared (and then flagged, so staff can clear them).
 */
export async function excludedReviews(
  reviews: readonly ReviewRow[],
  orgOf: (applicationId: string) => string | undefined,
): Promise<Set<string>> {
  const links = await membershipLinks();
  const out = new Set<string>();
  for (const review of reviews) {
    if (review.status === 'conflicted') continue;
    if (review.flagged) {
      out.add(review.id);
      continue;
    }
    const orgId = orgOf(review.applicationId);
    if (!orgId) continue;
    const applicant = links.byOrg.get(orgId);
    const found = conflictLinks(
      { userId: review.reviewerId, organisations: links.byMember.get(review.reviewerId) ?? [] },
      {
        orgId,
        memberUserIds: applicant?.memberUserIds ?? [],
        networkIds: applicant?.networkIds ?? [],
        coordinatesNetworkIds: links.coordinated.get(orgId) ?? [],
      },
    );
    const reasons = unclearedReasons(found, [{ reasons: review.clearedReasons, links: review.clearedLinks }]);
    if (!reasons.length) continue;
    out.add(review.id);
    await flag(review.id, reasons);
  }
  return out;
}

/**
 * Staff judge a flagged review to be no conflict after all: the note, who and when are kept,
 * the reasons seen now are cleared for good, and the scores count again.
 */
export async function clearConflictFlag(
  actor: Actor,
  applicationId: string,
  reviewId: string,
  note: string,
  now = new Date(),
): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  const review =
    mongoose.isValidObjectId(applicationId) && mongoose.isValidObjectId(reviewId)
      ? await Review.findOne({ _id: reviewId, applicationId })
      : null;
  if (!review) throw new NotFoundError('grants.reviewNotFound');
  if (!review.conflictFlag) throw new ConflictError('grants.notFlagged');
  const app = await Application.findById(review.applicationId, { orgId: 1 }).lean();
  const links = app
    ? ((await linksFor([String(review.reviewerId)], app.orgId)).get(String(review.reviewerId)) ?? [])
    : [];
  const reasons = [...new Set([...(review.conflictFlag.reasons ?? []), ...links.map(reasonOfLink)])];
  review.conflictClearances.push({
    reasons,
    links,
    clearedBy: new mongoose.Types.ObjectId((actor as { id: string }).id),
    clearedAt: now,
    note,
  });
  review.set('conflictFlag', null);
  await review.save();
  log.info({ reviewId, applicationId, actorId: actor?.id, reasons }, 'conflict flag cleared by staff');
}
