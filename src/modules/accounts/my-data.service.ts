/**
 * A person's own data under the PDPA: a copy of everything the platform holds about them (read
 * through each module's services, which accounts may not import: they are passed in at wiring,
 * see admin/my-data-sources.ts), and a request that it be deleted, which staff resolve by hand
 * because money records must be kept by law (deletion-request.model.ts).
 */
import mongoose from 'mongoose';
import { DeletionRequest, type DeletionStatus } from './deletion-request.model.js';
import { getUser } from './user.service.js';
import { assertRole } from '../../shared/actor.js';
import type { SessionUser } from '../../shared/actor.js';
import { InvalidTransitionError, NotFoundError, UnauthorizedError, isDuplicateKeyError } from '../../shared/errors.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'accounts' });

/** Each reads only the acting person's own records, through its module's public service. */
export interface MyDataSources {
  gifts: (actor: SessionUser) => Promise<{ gifts: unknown[]; recurringGifts: unknown[] }>;
  applications: (actor: SessionUser) => Promise<unknown[]>;
  reviews: (actor: SessionUser) => Promise<unknown[]>;
  organisations: (actor: SessionUser) => Promise<unknown[]>;
}

export interface DeletionRequestView {
  id: string;
  userId: string;
  name: string;
  email: string;
  reason: string;
  status: DeletionStatus;
  requestedAt: Date;
  resolvedAt: Date | null;
  resolvedByName: string;
  note: string;
}

type DeletionDoc = InstanceType<typeof DeletionRequest>;

function toView(d: DeletionDoc): DeletionRequestView {
  return {
    id: d._id.toString(),
    userId: String(d.userId),
    name: d.name,
    email: d.email,
    reason: d.reason ?? '',
    status: d.status as DeletionStatus,
    requestedAt: d.requestedAt,
    resolvedAt: d.resolvedAt ?? null,
    resolvedByName: d.resolvedByName ?? '',
    note: d.note ?? '',
  };
}

function requireActor(actor: SessionUser | undefined): SessionUser {
  if (!actor) throw new UnauthorizedError();
  return actor;
}

async function ownRequests(actor: SessionUser): Promise<DeletionRequestView[]> {
  const docs = await DeletionRequest.find({ userId: new mongoose.Types.ObjectId(actor.id) })
    .sort({ requestedAt: -1 })
    .limit(50);
  return docs.map(toView);
}

/** Everything held about the person, as one JSON-ready object (the account page's download). */
export async function exportMyData(
  actorOrNone: SessionUser | undefined,
  sources: MyDataSources,
): Promise<Record<string, unknown>> {
  const actor = requireActor(actorOrNone);
  const [profile, gifts, applications, reviews, organisations, deletionRequests] = await Promise.all([
    getUser(actor, actor.id),
    sources.gifts(actor),
    sources.applications(actor),
    sources.reviews(actor),
    sources.organisations(actor),
    ownRequests(actor),
  ]);
  log.info({ userId: actor.id }, 'personal data exported');
  return {
    exportedAt: new Date().toISOString(),
    profile,
    gifts: gifts.gifts,
    recurringGifts: gifts.recurringGifts,
    applications,
    reviews,
    organisations,
    deletionRequests: deletionRequests.map(({ userId: _userId, ...rest }) => rest),
  };
}

/** The person's latest deletion request, for the account page and the request page. */
export async function myLatestDeletionRequest(
  actorOrNone: SessionUser | undefined,
): Promise<DeletionRequestView | null> {
  const actor = requireActor(actorOrNone);
  return (await ownRequests(actor))[0] ?? null;
}

/** Records the request; asking again while one is open changes nothing ('already'). */
export async function requestDeletion(
  actorOrNone: SessionUser | undefined,
  input: { reason: string },
): Promise<'created' | 'already'> {
  const actor = requireActor(actorOrNone);
  const user = await getUser(actor, actor.id);
  try {
    await DeletionRequest.create({
      userId: new mongoose.Types.ObjectId(actor.id),
      name: user.name,
      email: user.email,
      reason: input.reason,
      status: 'open',
      openKey: `open:${actor.id}`,
      requestedAt: new Date(),
    });
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'already';
    throw error;
  }
  log.info({ userId: actor.id }, 'deletion requested');
  return 'created';
}

/** Staff: requests by status (open first by default), newest first. */
export async function listDeletionRequests(
  actor: SessionUser | undefined,
  query: { status: DeletionStatus | 'all'; page: number },
): Promise<Page<DeletionRequestView>> {
  assertRole(actor, 'staff', 'admin');
  const filter = query.status === 'all' ? {} : { status: query.status };
  const { skip, limit } = pageWindow(query.page, 20);
  const [docs, total] = await Promise.all([
    DeletionRequest.find(filter).sort({ requestedAt: -1 }).skip(skip).limit(limit),
    DeletionRequest.countDocuments(filter),
  ]);
  return buildPage(docs.map(toView), total, query.page, 20);
}

/** Staff record what they did: done (deleted or anonymised what may go) or declined, with a note. */
export async function resolveDeletionRequest(
  actor: SessionUser | undefined,
  id: string,
  input: { status: Exclude<DeletionStatus, 'open'>; note: string },
): Promise<DeletionRequestView> {
  assertRole(actor, 'staff', 'admin');
  const doc = mongoose.isValidObjectId(id) && /^[a-f0-9]{24}$/i.test(id) ? await DeletionRequest.findById(id) : null;
  if (!doc) throw new NotFoundError('myData.requestNotFound');
  if (doc.status !== 'open') throw new InvalidTransitionError('myData.alreadyResolved');
  doc.status = input.status;
  doc.note = input.note;
  doc.resolvedAt = new Date();
  doc.resolvedById = new mongoose.Types.ObjectId(actor?.id);
  doc.resolvedByName = actor?.name ?? '';
  // Frees the person to ask again later (the unique open key is theirs while a request is open).
  doc.openKey = `closed:${doc._id.toString()}`;
  await doc.save();
  log.info({ requestId: id, status: input.status, by: actor?.id }, 'deletion request resolved');
  return toView(doc);
}
