/**
 * Emails about grants, each in its reader's language: an application moved (to its organisation's
 * members; to staff when an applicant submitted or withdrew), a review assigned or due soon (to
 * the reviewer), a report due or overdue (to the grantee's members). Subscribed to service events.
 */
import mongoose from 'mongoose';
import { events } from '../../shared/events.js';
import { queueMail } from '../../shared/mail/mailer.js';
import { translate } from '../../shared/i18n/index.js';
import { formatDate } from '../../shared/dates.js';
import type { Locale } from '../../shared/money.js';
import { Application } from './application.model.js';
import { GrantCall } from './call.model.js';
import { Review } from './review.model.js';
import { Award } from './award.model.js';
import { organisationMemberIds } from '../directory/index.js';
import { commentsOf } from './review-staff.service.js';
import { DECISION_ACTIONS, STAFF_HEAR_OF, mayReadComment, type ApplicationAction } from './application.workflow.js';
import { contactsByIds, contactsWithRole, type PersonContact } from '../accounts/index.js';

type Person = PersonContact;

async function membersOf(orgId: unknown): Promise<Person[]> {
  return contactsByIds(await organisationMemberIds(orgId));
}

/** The decision letter, then the reviewers' comments, numbered, in the reader's language. */
function decisionText(locale: Locale, letter: string, comments: { n: number; text: string }[]): string {
  if (!comments.length) return letter;
  const list = comments.map((c) => `${translate(locale, 'grants.reviewerN', { n: c.n })}: ${c.text}`).join('\n\n');
  return [letter, `${translate(locale, 'grants.mailReviewerComments')}\n\n${list}`].filter(Boolean).join('\n\n');
}

let subscribed = false;

export function subscribeGrantNotifications(baseUrl: () => string): void {
  if (subscribed) return;
  subscribed = true;

  events.on('application.transitioned', async ({ applicationId, action, to, comment, actorId }) => {
    const app = mongoose.isValidObjectId(applicationId)
      ? await Application.findById(applicationId, { title: 1, orgId: 1, callId: 1, decision: 1 }).lean()
      : null;
    if (!app) return;
    const call = await GrantCall.findById(app.callId, { title: 1, createdBy: 1 }).lean();
    const url = `${baseUrl()}/applications/${applicationId}`;
    // A decision's email carries the reviewers' comments to the applicant (never their names).
    const comments = DECISION_ACTIONS.includes(action as ApplicationAction) ? await commentsOf(applicationId) : [];
    const send = (person: Person) =>
      queueMail({
        to: person.email,
        locale: person.locale,
        template: 'applicationMoved',
        params: {
          name: person.name,
          title: app.title || translate(person.locale, 'grants.untitled'),
          call: call?.title?.[person.locale] || call?.title?.th || '',
          status: translate(person.locale, `grants.state.${to}`),
          help: translate(person.locale, `grants.stateHelp.${to}`),
          // A decision's comment is the committee's meeting notes: the applicant gets the letter instead.
          comment: mayReadComment(action, ['applicant'])
            ? comment
            : decisionText(person.locale, app.decision?.letter ?? '', comments),
          url,
        },
      });
    // The applicant's members hear of every move but their own click.
    for (const member of await membersOf(app.orgId)) if (member.id !== actorId) await send(member);
    // Staff hear when an applicant hands something in or withdraws (the call's creator, else every staff member).
    if (STAFF_HEAR_OF.includes(action as ApplicationAction)) {
      const staff = call?.createdBy ? await contactsByIds([call.createdBy]) : await contactsWithRole('staff');
      for (const person of staff) await send(person);
    }
  });

  const reviewerMail = async (reviewId: string, template: 'reviewAssigned' | 'reviewReminder') => {
    const review = await Review.findById(reviewId, { reviewerId: 1, applicationId: 1, callId: 1 }).lean();
    if (!review) return;
    const [reviewer] = await contactsByIds([review.reviewerId]);
    const call = await GrantCall.findById(review.callId, { title: 1, reviewDueAt: 1 }).lean();
    if (!reviewer) return;
    await queueMail({
      to: reviewer.email,
      locale: reviewer.locale,
      template,
      // One assignment mail and one reminder per review, however often a job runs.
      idempotencyKey: `${template}:${reviewId}`,
      params: {
        name: reviewer.name,
        call: call?.title?.[reviewer.locale] || call?.title?.th || '',
        due: call?.reviewDueAt ? formatDate(call.reviewDueAt, reviewer.locale) : '—',
        url: `${baseUrl()}/reviews/${String(review.applicationId)}`,
      },
    });
  };
  events.on('review.assigned', ({ reviewId }) => reviewerMail(reviewId, 'reviewAssigned'));
  events.on('review.reminder', ({ reviewId }) => reviewerMail(reviewId, 'reviewReminder'));

  events.on('award.report_reminder', async ({ awardId, reportId, overdue }) => {
    const award = await Award.findById(awardId);
    const report = award?.reports.id(reportId);
    if (!award || !report) return;
    for (const member of await membersOf(award.orgId)) {
      await queueMail({
        to: member.email,
        locale: member.locale,
        template: overdue ? 'reportOverdue' : 'reportDue',
        idempotencyKey: `${overdue ? 'reportOverdue' : 'reportDue'}:${reportId}:${member.id}`,
        params: {
          name: member.name,
          kind: translate(member.locale, `grants.reportKind.${report.kind}`),
          due: formatDate(report.dueAt, member.locale),
          url: `${baseUrl()}/applications/${String(award.applicationId)}`,
        },
      });
    }
  });
}
