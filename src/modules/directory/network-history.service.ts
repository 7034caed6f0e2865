/**
 * The history of network memberships: recorded by every organisation write that changes its
 * networks, read by staff on the network's and the organisation's pages.
 */
import mongoose from 'mongoose';
import { NetworkMembershipChange, type MembershipChange } from './network-membership.model.js';
import { Network } from './network.model.js';
import { Organisation } from './organisation.model.js';
import { peopleByIds } from '../accounts/index.js';
import { hasRole, type Actor } from '../../shared/actor.js';
import { ForbiddenError } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'network-history' });

/** Records the networks `orgId` joined and left between `before` and `after`, by `actorId`. */
export async function recordNetworkChanges(
  orgId: string,
  before: readonly string[],
  after: readonly string[],
  actorId: string,
  at = new Date(),
): Promise<void> {
  const was = new Set(before.map(String));
  const now = new Set(after.map(String));
  const rows = [
    ...[...now].filter((id) => !was.has(id)).map((networkId) => ({ networkId, change: 'joined' as const })),
    ...[...was].filter((id) => !now.has(id)).map((networkId) => ({ networkId, change: 'left' as const })),
  ].map((r) => ({ ...r, orgId, actorId, at }));
  if (!rows.length) return;
  await NetworkMembershipChange.insertMany(rows);
  log.info(
    {
      orgId,
      actorId,
      joined: rows.filter((r) => r.change === 'joined').length,
      left: rows.filter((r) => r.change === 'left').length,
    },
    'network memberships changed',
  );
}

export interface MembershipChangeView {
  at: Date;
  change: MembershipChange;
  org: { id: string; name: { th: string; en: string } };
  network: { id: string; name: { th: string; en: string } };
  actor: { id: string; name: string };
}

/** Newest first, at most `limit` (equality filters only: FerretDB pushes them down). */
async function history(
  actor: Actor,
  filter: { orgId?: string; networkId?: string },
  limit: number,
): Promise<MembershipChangeView[]> {
  if (!hasRole(actor, 'staff', 'admin')) throw new ForbiddenError();
  const id = filter.orgId ?? filter.networkId ?? '';
  if (!mongoose.isValidObjectId(id)) return [];
  const query = filter.orgId
    ? { orgId: new mongoose.Types.ObjectId(filter.orgId) }
    : { networkId: new mongoose.Types.ObjectId(filter.networkId) };
  const rows = await NetworkMembershipChange.find(query).sort({ at: -1, _id: -1 }).limit(limit).lean();
  if (!rows.length) return [];
  const [orgs, networks, users] = await Promise.all([
    Organisation.find({ _id: { $in: [...new Set(rows.map((r) => String(r.orgId)))] } }, { name: 1 }).lean(),
    Network.find({ _id: { $in: [...new Set(rows.map((r) => String(r.networkId)))] } }, { name: 1 }).lean(),
    peopleByIds([...new Set(rows.map((r) => String(r.actorId)))]),
  ]);
  const orgName = new Map(orgs.map((o) => [String(o._id), { th: o.name?.th ?? '', en: o.name?.en ?? '' }]));
  const networkName = new Map(networks.map((n) => [String(n._id), { th: n.name?.th ?? '', en: n.name?.en ?? '' }]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    at: r.at,
    change: r.change as MembershipChange,
    org: { id: String(r.orgId), name: orgName.get(String(r.orgId)) ?? { th: '', en: '' } },
    network: { id: String(r.networkId), name: networkName.get(String(r.networkId)) ?? { th: '', en: '' } },
    actor: { id: String(r.actorId), name: userName.get(String(r.actorId)) ?? '' },
  }));
}

/** Joins and leaves of one network, for staff. */
export function networkHistory(actor: Actor, networkId: string, limit = 200): Promise<MembershipChangeView[]> {
  return history(actor, { networkId }, limit);
}

/** One organisation's joins and leaves of networks, for staff. */
export function organisationNetworkHistory(actor: Actor, orgId: string, limit = 200): Promise<MembershipChangeView[]> {
  return history(actor, { orgId }, limit);
}
