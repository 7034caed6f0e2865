/**
 * A reviewer's own list of assignments, a call's committee, and the reminder job for reviews not yet sent.
 */
import { Review } from './review.model.js';
import { GrantCall } from './call.model.js';
import { socialMap } from '../directory/index.js';
import { applicationIndex, reviewIndex } from './grants.snapshots.js';
import { contactsByIds } from '../accounts/index.js';
import { hasRole } from '../../shared/actor.js';
import { events } from '../../shared/events.js';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';
import type { Actor } from '../../shared/actor.js';

export interface AssignmentSummary {
  applicationId: string;
  callId: string;
  callTitle: { th: string; en: string };
  title: string;
  orgName: { th: string; en: string } | null;
  status: string;
  declaredConflict: boolean | null;
  reviewDueAt: Date | null;
  submittedAt: Date | null;
}

/** The reviewer's desk: every assignment, those still to do first (lists from memory, see grants.snapshots.ts). */
export async function listMyReviews(actor: Actor): Promise<AssignmentSummary[]> {
  if (!actor) throw new UnauthorizedError();
  if (!hasRole(actor, 'reviewer')) throw new ForbiddenError();
  const [reviews, apps, cards] = await Promise.all([reviewIndex(), applicationIndex(), socialMap()]);
  const mine = reviews.byReviewer.get(actor.id) ?? [];
  if (!mine.length) return [];
  const calls = await GrantCall.find(
    { _id: { $in: [...new Set(mine.map((r) => r.callId))] } },
    { title: 1, reviewDueAt: 1, blindReview: 1 },
  ).lean();
  const callById = new Map(calls.map((c) => [String(c._id), c]));
  const orgIds = new Set(mine.map((r) => apps.byId.get(r.applicationId)?.orgId));
  const orgById = new Map(cards.filter((c) => orgIds.has(c.id)).map((c) => [c.id, c]));
  const rank = (s: string) => (s === 'assigned' || s === 'draft' ? 0 : 1);
  return mine
    .map((r) => {
      const app = apps.byId.get(r.applicationId);
      const call = callById.get(r.callId);
      const org = app ? orgById.get(app.orgId) : undefined;
      return {
        applicationId: r.applicationId,
        callId: r.callId,
        callTitle: { th: call?.title?.th ?? '', en: call?.title?.en ?? '' },
        title: app?.title ?? '',
        orgName: call?.blindReview || !org ? null : org.name,
        status: r.flagged ? 'flagged' : r.status,
        declaredConflict: r.declaredConflict,
        reviewDueAt: call?.reviewDueAt ?? null,
        submittedAt: r.submittedAt,
      };
    })
    .sort(
      (a, b) => rank(a.status) - rank(b.status) || (b.submittedAt?.getTime() ?? 0) - (a.submittedAt?.getTime() ?? 0),
    );
}

/** Committee members of a call, with their names, for the assignment form. */
export async function committeeOf(call: {
  committeeUserIds: string[];
}): Promise<{ id: string; name: string; email: string }[]> {
  if (!call.committeeUserIds.length) return [];
  const users = await contactsByIds(call.committeeUserIds);
  return users.map((u) => ({ id: u.id, name: u.name, email: u.email }));
}

/** Reviews not submitted whose call's deadline is within `withinMs`: each reviewer reminded once. */
export async function remindReviewers(
  now = new Date(),
  withinMs = 3 * 86_400_000,
  keepAlive: () => Promise<void> = async () => {},
): Promise<number> {
  const calls = await GrantCall.find(
    { reviewDueAt: { $gt: now, $lte: new Date(now.getTime() + withinMs) } },
    { _id: 1 },
  ).lean();
  if (!calls.length) return 0;
  const pending = await Review.find({
    callId: { $in: calls.map((c) => c._id) },
    status: { $in: ['assigned', 'draft'] },
    remindedAt: null,
  });
  // Mail first, mark second: a run cut short (the process killed) is simply run again, and the
  // reminder's idempotency key keeps a review that was mailed but not marked from a second mail.
  for (const review of pending) {
    await events.emit('review.reminder', { reviewId: review._id.toString() });
    review.remindedAt = now;
    await review.save();
    await keepAlive();
  }
  return pending.length;
}
