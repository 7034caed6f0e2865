/**
 * Lists of applications: a person's own (their organisations'), and a call's for staff, a page at a time.
 */
import mongoose from 'mongoose';
import { Application, type ApplicationDoc } from './application.model.js';
import { GrantCall } from './call.model.js';
import { type ApplicationState } from './application.workflow.js';
import { organisationIdsOfMember, organisationNames } from '../directory/index.js';
import { hasRole, type Actor } from '../../shared/actor.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../shared/errors.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';

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
  const orgIds = [...new Set(docs.map((d) => String(d.orgId)))];
  const [calls, orgName] = await Promise.all([
    callIds.length ? GrantCall.find({ _id: { $in: callIds } }, { title: 1 }).lean() : [],
    organisationNames(orgIds),
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

/** A call's applications for staff, filtered by status, paginated. */
export async function listCallApplications(
  actor: Actor,
  callId: string,
  query: { status?: string | undefined; page: number; perPage: number },
): Promise<Page<ApplicationSummary>> {
  if (!hasRole(actor, 'staff', 'admin')) throw new ForbiddenError();
  if (!mongoose.isValidObjectId(callId)) throw new NotFoundError('grants.callNotFound');
  const filter: Record<string, unknown> = { callId: new mongoose.Types.ObjectId(callId) };
  if (query.status) filter.status = query.status;
  const { skip, limit } = pageWindow(query.page, query.perPage);
  const [docs, total] = await Promise.all([
    Application.find(filter).sort({ submittedAt: 1, _id: 1 }).skip(skip).limit(limit),
    Application.countDocuments(filter),
  ]);
  return buildPage(await summaries(docs), total, query.page, query.perPage);
}
