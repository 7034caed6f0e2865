/**
 * What waits in the grants module, read only: for staff's to-do page the applications to screen
 * (per call, so each links to that call's filtered list), reviews past their call's due date,
 * tranches released but not yet paid, and reports handed in but not yet reviewed; for the landing
 * after login whether a person's organisations have applications. Each list is bounded: these
 * are a foundation's open items (tens, at most a few thousand), read with equality filters.
 */
import mongoose from 'mongoose';
import { Application } from './application.model.js';
import { GrantCall } from './call.model.js';
import { Review } from './review.model.js';
import { Award } from './award.model.js';
import type { ApplicationState } from './application.workflow.js';
import { organisationIdsOfMember, organisationNames } from '../directory/index.js';
import { peopleByIds } from '../accounts/index.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';
import type { Bilingual } from '../funds/index.js';

/** The states in which an application waits for staff to screen it (a concept note counts too). */
export const TO_SCREEN_STATES = [
  'concept_submitted',
  'submitted',
  'screening',
] as const satisfies readonly ApplicationState[];
/** Upper bound of open items read for one to-do list (far above a foundation's workload). */
const SCAN_LIMIT = 5000;

const bilingual = (v: { th?: string | null; en?: string | null } | null | undefined): Bilingual => ({
  th: v?.th ?? '',
  en: v?.en ?? '',
});
const idsOf = (values: unknown[]) => [...new Set(values.map(String))].map((id) => new mongoose.Types.ObjectId(id));

export interface ToScreenCall {
  callId: string;
  title: Bilingual;
  /** Non-zero counts only, in workflow order. */
  counts: { status: (typeof TO_SCREEN_STATES)[number]; count: number }[];
}

export interface GrantsTodo {
  toScreen: { count: number; calls: ToScreenCall[] };
  reviewsOverdue: number;
  tranchesDue: number;
  reportsToReview: number;
}

export interface OverdueReviewRow {
  applicationId: string;
  applicationTitle: string;
  orgName: Bilingual;
  callTitle: Bilingual;
  reviewerName: string;
  dueAt: Date;
  status: string;
}

export interface TrancheDueRow {
  applicationId: string;
  orgName: Bilingual;
  callTitle: Bilingual;
  number: number;
  amountSatang: number;
  awardedAt: Date;
}

export interface ReportToReviewRow {
  applicationId: string;
  orgName: Bilingual;
  callTitle: Bilingual;
  kind: string;
  submittedAt: Date | null;
}

async function callTitles(ids: unknown[]): Promise<Map<string, Bilingual>> {
  if (!ids.length) return new Map();
  const calls = await GrantCall.find({ _id: { $in: idsOf(ids) } }, { title: 1 }).lean();
  return new Map(calls.map((c) => [String(c._id), bilingual(c.title)]));
}

async function toScreen(): Promise<GrantsTodo['toScreen']> {
  const perState = await Promise.all(
    TO_SCREEN_STATES.map(async (status) => ({
      status,
      docs: await Application.find({ status }, { callId: 1 }).limit(SCAN_LIMIT).lean(),
    })),
  );
  const byCall = new Map<string, Map<(typeof TO_SCREEN_STATES)[number], number>>();
  for (const { status, docs } of perState) {
    for (const doc of docs) {
      const counts = byCall.get(String(doc.callId)) ?? new Map();
      counts.set(status, (counts.get(status) ?? 0) + 1);
      byCall.set(String(doc.callId), counts);
    }
  }
  const titles = await callTitles([...byCall.keys()]);
  const calls = [...byCall.entries()].map(([callId, counts]) => ({
    callId,
    title: titles.get(callId) ?? { th: '', en: '' },
    counts: TO_SCREEN_STATES.filter((s) => counts.has(s)).map((status) => ({
      status,
      count: counts.get(status) as number,
    })),
  }));
  return { count: perState.reduce((sum, s) => sum + s.docs.length, 0), calls };
}

/** Reviews not yet handed in whose call's review date has passed, on applications still in review. */
async function overdueReviewDocs(now: Date) {
  const calls = await GrantCall.find({ reviewDueAt: { $lt: now } }, { title: 1, reviewDueAt: 1 }).lean();
  if (!calls.length) return { reviews: [], calls: new Map<string, { title: Bilingual; dueAt: Date }>() };
  const callInfo = new Map(
    calls.map((c) => [String(c._id), { title: bilingual(c.title), dueAt: c.reviewDueAt as Date }]),
  );
  const open = (
    await Promise.all(
      calls.flatMap((c) =>
        (['assigned', 'draft'] as const).map((status) =>
          Review.find({ callId: c._id, status }, { applicationId: 1, reviewerId: 1, callId: 1, status: 1 })
            .limit(SCAN_LIMIT)
            .lean(),
        ),
      ),
    )
  ).flat();
  if (!open.length) return { reviews: [], calls: callInfo };
  const apps = await Application.find({ _id: { $in: idsOf(open.map((r) => r.applicationId)) } }, { status: 1 }).lean();
  const inReview = new Set(apps.filter((a) => a.status === 'in_review').map((a) => String(a._id)));
  return { reviews: open.filter((r) => inReview.has(String(r.applicationId))), calls: callInfo };
}

async function awardsWith(field: 'tranches.status' | 'reports.status', status: string) {
  return Award.find(
    { [field]: status },
    { applicationId: 1, callId: 1, orgId: 1, tranches: 1, reports: 1, awardedAt: 1 },
  )
    .limit(SCAN_LIMIT)
    .lean();
}

/** Staff's to-do counts in the grants module. */
export async function grantsTodo(actor: Actor, now = new Date()): Promise<GrantsTodo> {
  assertRole(actor, 'staff', 'admin');
  const [screen, overdue, released, submitted] = await Promise.all([
    toScreen(),
    overdueReviewDocs(now),
    awardsWith('tranches.status', 'released'),
    awardsWith('reports.status', 'submitted'),
  ]);
  return {
    toScreen: screen,
    reviewsOverdue: overdue.reviews.length,
    tranchesDue: released.reduce((sum, a) => sum + a.tranches.filter((t) => t.status === 'released').length, 0),
    reportsToReview: submitted.reduce((sum, a) => sum + a.reports.filter((r) => r.status === 'submitted').length, 0),
  };
}

function paged<T>(rows: T[], page: number, perPage = 25): Page<T> {
  const { skip, limit } = pageWindow(page, perPage);
  return buildPage(rows.slice(skip, skip + limit), rows.length, page, perPage);
}

/** Overdue reviews, the longest overdue first: who to chase, on which application. */
export async function listOverdueReviews(
  actor: Actor,
  page: number,
  now = new Date(),
): Promise<Page<OverdueReviewRow>> {
  assertRole(actor, 'staff', 'admin');
  const { reviews, calls } = await overdueReviewDocs(now);
  const [apps, users] = await Promise.all([
    reviews.length
      ? Application.find({ _id: { $in: idsOf(reviews.map((r) => r.applicationId)) } }, { title: 1, orgId: 1 }).lean()
      : [],
    peopleByIds(idsOf(reviews.map((r) => r.reviewerId))),
  ]);
  const appById = new Map(apps.map((a) => [String(a._id), a]));
  const names = new Map(users.map((u) => [u.id, u.name]));
  const orgs = await organisationNames(apps.map((a) => a.orgId));
  const rows = reviews.map((r) => {
    const app = appById.get(String(r.applicationId));
    const call = calls.get(String(r.callId));
    return {
      applicationId: String(r.applicationId),
      applicationTitle: app?.title ?? '',
      orgName: orgs.get(String(app?.orgId)) ?? { th: '', en: '' },
      callTitle: call?.title ?? { th: '', en: '' },
      reviewerName: names.get(String(r.reviewerId)) ?? '',
      dueAt: call?.dueAt ?? now,
      status: r.status,
    };
  });
  rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.applicationId.localeCompare(b.applicationId));
  return paged(rows, page);
}

/** Tranches released for payment and not yet paid, oldest award first. */
export async function listTranchesDue(actor: Actor, page: number): Promise<Page<TrancheDueRow>> {
  assertRole(actor, 'staff', 'admin');
  const awards = await awardsWith('tranches.status', 'released');
  const [titles, orgs] = await Promise.all([
    callTitles(awards.map((a) => a.callId)),
    organisationNames(awards.map((a) => a.orgId)),
  ]);
  const rows = awards.flatMap((a) =>
    a.tranches
      .filter((t) => t.status === 'released')
      .map((t) => ({
        applicationId: String(a.applicationId),
        orgName: orgs.get(String(a.orgId)) ?? { th: '', en: '' },
        callTitle: titles.get(String(a.callId)) ?? { th: '', en: '' },
        number: t.number,
        amountSatang: t.amountSatang,
        awardedAt: a.awardedAt,
      })),
  );
  rows.sort((x, y) => x.awardedAt.getTime() - y.awardedAt.getTime() || x.number - y.number);
  return paged(rows, page);
}

/** Reports handed in and waiting for staff's review, the longest waiting first. */
export async function listReportsToReview(actor: Actor, page: number): Promise<Page<ReportToReviewRow>> {
  assertRole(actor, 'staff', 'admin');
  const awards = await awardsWith('reports.status', 'submitted');
  const [titles, orgs] = await Promise.all([
    callTitles(awards.map((a) => a.callId)),
    organisationNames(awards.map((a) => a.orgId)),
  ]);
  const rows = awards.flatMap((a) =>
    a.reports
      .filter((r) => r.status === 'submitted')
      .map((r) => ({
        applicationId: String(a.applicationId),
        orgName: orgs.get(String(a.orgId)) ?? { th: '', en: '' },
        callTitle: titles.get(String(a.callId)) ?? { th: '', en: '' },
        kind: r.kind,
        submittedAt: r.submittedAt ?? null,
      })),
  );
  rows.sort((x, y) => (x.submittedAt?.getTime() ?? 0) - (y.submittedAt?.getTime() ?? 0));
  return paged(rows, page);
}

/** Whether any organisation the person belongs to has an application (their work after login). */
export async function hasOwnApplications(user: { id: string }): Promise<boolean> {
  for (const orgId of await organisationIdsOfMember(user.id, 50)) if (await Application.exists({ orgId })) return true;
  return false;
}
