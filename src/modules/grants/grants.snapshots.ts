/**
 * The grant lists in memory: every review and every application's summary, reloaded only after
 * a write (change markers, shared by all app processes). FerretDB scans a collection for every
 * query, so a reviewer's desk or a 500-application decision view read from the database would
 * cost hundreds of milliseconds each; from here they cost a few. Permission checks, scoring and
 * awards never read these: they read the database itself.
 */
import { SnapshotCache } from '../../shared/db/change-marker.js';
import { Review, REVIEWS_CHANGED } from './review.model.js';
import { Application, APPLICATIONS_CHANGED } from './application.model.js';
import type { ApplicationState } from './application.workflow.js';
import type { Recommendation } from './review.scoring.js';

export interface ReviewRow {
  id: string;
  callId: string;
  applicationId: string;
  reviewerId: string;
  status: string;
  declaredConflict: boolean | null;
  scores: Record<string, number>;
  recommendation: Recommendation | null;
  submittedAt: Date | null;
  /** Linked to the applicant after assignment and not cleared by staff (review.conflicts.ts). */
  flagged: boolean;
  /** The reasons staff last judged to be no conflict. */
  clearedReasons: string[];
  /** The links staff cleared last (a link not among them flags the review again). */
  clearedLinks: string[];
  /** The reviewer's words to the applicant (the decision view shows them without names). */
  commentForApplicant: string;
}

export interface ApplicationRow {
  id: string;
  callId: string;
  orgId: string;
  title: string;
  status: ApplicationState;
  requestedSatang: number;
  submittedAt: Date | null;
  updatedAt: Date;
}

export interface ReviewIndex {
  byCall: Map<string, ReviewRow[]>;
  byReviewer: Map<string, ReviewRow[]>;
}

export interface ApplicationIndex {
  byId: Map<string, ApplicationRow>;
  byCall: Map<string, ApplicationRow[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const reviews = new SnapshotCache<ReviewIndex>(REVIEWS_CHANGED, 5_000, async () => {
  const docs = await Review.find(
    {},
    {
      callId: 1,
      applicationId: 1,
      reviewerId: 1,
      status: 1,
      declaredConflict: 1,
      scores: 1,
      recommendation: 1,
      submittedAt: 1,
      conflictFlag: 1,
      conflictClearances: 1,
      commentForApplicant: 1,
    },
  ).lean();
  const index: ReviewIndex = { byCall: new Map(), byReviewer: new Map() };
  for (const d of docs) {
    const row: ReviewRow = {
      id: String(d._id),
      callId: String(d.callId),
      applicationId: String(d.applicationId),
      reviewerId: String(d.reviewerId),
      status: d.status,
      declaredConflict: d.declaredConflict ?? null,
      scores: { ...((d.scores ?? {}) as unknown as Record<string, number>) },
      recommendation: (d.recommendation ?? null) as Recommendation | null,
      submittedAt: d.submittedAt ?? null,
      flagged: Boolean(d.conflictFlag),
      clearedReasons: [...(d.conflictClearances?.at(-1)?.reasons ?? [])],
      clearedLinks: [...(d.conflictClearances?.at(-1)?.links ?? [])],
      commentForApplicant: (d.commentForApplicant ?? '').trim(),
    };
    push(index.byCall, row.callId, row);
    push(index.byReviewer, row.reviewerId, row);
  }
  return index;
});

const applications = new SnapshotCache<ApplicationIndex>(APPLICATIONS_CHANGED, 5_000, async () => {
  const docs = await Application.find(
    {},
    { callId: 1, orgId: 1, title: 1, status: 1, requestedSatang: 1, submittedAt: 1, updatedAt: 1 },
  ).lean();
  const index: ApplicationIndex = { byId: new Map(), byCall: new Map() };
  for (const d of docs) {
    const row: ApplicationRow = {
      id: String(d._id),
      callId: String(d.callId),
      orgId: String(d.orgId),
      title: d.title ?? '',
      status: d.status as ApplicationState,
      requestedSatang: d.requestedSatang ?? 0,
      submittedAt: d.submittedAt ?? null,
      updatedAt: (d as { updatedAt?: Date }).updatedAt ?? new Date(0),
    };
    index.byId.set(row.id, row);
    push(index.byCall, row.callId, row);
  }
  return index;
});

export function reviewIndex(): Promise<ReviewIndex> {
  return reviews.get();
}

export function applicationIndex(): Promise<ApplicationIndex> {
  return applications.get();
}
