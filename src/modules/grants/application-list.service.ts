/**
 * Lists of applications: a person's own (their organisations'), and a call's for staff, a page at a time.
 */
import mongoose from 'mongoose';
import { Application, type ApplicationDoc } from './application.model.js';
import { GrantCall } from './call.model.js';
import { type ApplicationState } from './application.workflow.js';
import { organisationIdsOfMember } from '../directory/index.js';
import { organisationNamesInMap } from './grants.lookups.js';
import { hasRole, type Actor } from '../../shared/actor.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../shared/errors.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';
import { applicationIndex, type ApplicationRow } from './grants.snapshots.js';

export interface ApplicationSummary {
  id: string;
  callId: string;
  callTitle: { th: string; en: string };
  org: { id: string; name: { th: string; en: string } };
  title: string;
  status: ApplicationState;
  requestedSatang: number;
  submittedAt: Date | null;
  updatedAt: Date;
}

async function summaries(docs: ApplicationDoc[]): Promise<ApplicationSummary[]> {
  const callIds = [...new Set(docs.map((d) => String(d.callId)))];
  const [calls, orgName] = await Promise.all([
    callIds.length ? GrantCall.find({ _id: { $in: callIds } }, { title: 1 }).lean() : [],
    organisationNamesInMap(),
  ]);
  const callTitle = new Map(calls.map((c) => [String(c._id), { th: c.title?.th ?? '', en: c.title?.en ?? '' }]));
  return docs.map((d) => ({
    id: d._id.toString(),
    callId: String(d.callId),
    callTitle: callTitle.get(String(d.callId)) ?? { th: '', en: '' },
    org: { id: String(d.orgId), name: orgName.get(String(d.orgId)) ?? { th: '', en: '' } },
    title: d.title ?? '',
    status: d.status as ApplicationState,
    requestedSatang: d.requestedSatang ?? 0,
    submittedAt: d.submittedAt ?? null,
    updatedAt: (d as unknown as { updatedAt: Date }).updatedAt,
  }));
}

/** The applications of every organisation the person is a member of, newest first. */
export async function listMyApplications(actor: Actor): Promise<ApplicationSummary[]> {
  if (!actor) throw new UnauthorizedError();
  const orgIds = await organisationIdsOfMember(actor.id);
  if (!orgIds.length) return [];
  const docs = await Application.find({ orgId: { $in: orgIds } })
    .sort({ updatedAt: -1 })
    .limit(200);
  return summaries(docs);
}

/**
 * A call's applications for staff, filtered by status, paginated, in the order they were handed in.
 * Read from the in-memory application list (grants.snapshots.ts): on FerretDB the database would
 * fetch and sort every application of the call in Go for each page of 25.
 */
export async function listCallApplications(
  actor: Actor,
  callId: string,
  query: { status?: string | undefined; page: number; perPage: number },
): Promise<Page<ApplicationSummary>> {
  if (!hasRole(actor, 'staff', 'admin')) throw new ForbiddenError();
  if (!mongoose.isValidObjectId(callId)) throw new NotFoundError('grants.callNotFound');
  const [index, names] = await Promise.all([applicationIndex(), organisationNamesInMap()]);
  const all = index.byCall.get(callId) ?? [];
  const rows = (query.status ? all.filter((a) => a.status === query.status) : all).slice().sort(handedInOrder);
  const { skip, limit } = pageWindow(query.page, query.perPage);
  const call = rows.length ? await GrantCall.findById(callId, { title: 1 }).lean() : null;
  const callTitle = { th: call?.title?.th ?? '', en: call?.title?.en ?? '' };
  const items = rows.slice(skip, skip + limit).map((a) => ({
    id: a.id,
    callId: a.callId,
    callTitle,
    org: { id: a.orgId, name: names.get(a.orgId) ?? { th: '', en: '' } },
    title: a.title,
    status: a.status,
    requestedSatang: a.requestedSatang,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt,
  }));
  return buildPage(items, rows.length, query.page, query.perPage);
}

/** Handed in first comes first, then by id: the order MongoDB gives `{submittedAt: 1, _id: 1}` (drafts first). */
function handedInOrder(a: ApplicationRow, b: ApplicationRow): number {
  const at = a.submittedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bt = b.submittedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return at - bt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
