/**
 * Where a person's data download (accounts/my-data.service.ts) reads their records: each
 * module's own service, scoped to the acting person. Wired here, at the top of the module order,
 * because accounts may not import the modules above it.
 */
import type { MyDataSources } from '../accounts/index.js';
import { listMyGifts } from '../funds/index.js';
import { getApplication, listMyApplications } from '../grants/index.js';
import { getMyReview, listMyReviews } from '../grants/index.js';
import { myOrganisations } from '../directory/index.js';
import { hasRole } from '../../shared/actor.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';

/** Enough pages for any real donor (20 a page); bounded so one export cannot run unbounded. */
const MAX_GIFT_PAGES = 500;

/**
 * A record the person may no longer open (a proposal of an organisation they left, a review closed
 * by a conflict found later) goes in as null; a database outage fails the download instead.
 */
function nullWhenRefused(error: unknown): null {
  if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
  throw error;
}

export const myDataSources: MyDataSources = {
  gifts: async (actor) => {
    const first = await listMyGifts(actor, 1);
    const gifts = [...first.gifts.items];
    for (let page = 2; page <= Math.min(first.gifts.pages, MAX_GIFT_PAGES); page++)
      gifts.push(...(await listMyGifts(actor, page)).gifts.items);
    return { gifts, recurringGifts: first.monthly };
  },

  applications: async (actor) => {
    // Read as a member of the applying organisation: a staff member's download holds what they
    // wrote as an applicant, not the staff view (reviews, other people's notes).
    const asMember = { id: actor.id, name: actor.name, roles: ['applicant'] as const };
    const summaries = await listMyApplications(asMember);
    return Promise.all(
      summaries.map(async (s) => ({ ...s, proposal: await getApplication(asMember, s.id).catch(nullWhenRefused) })),
    );
  },

  reviews: async (actor) => {
    if (!hasRole(actor, 'reviewer')) return [];
    const assignments = await listMyReviews(actor);
    // A review closed by a conflict found later is refused by getMyReview: the summary still goes in.
    return Promise.all(
      assignments.map(async (a) => ({
        ...a,
        review: await getMyReview(actor, a.applicationId).catch(nullWhenRefused),
      })),
    );
  },

  organisations: (actor) => myOrganisations(actor),
};
