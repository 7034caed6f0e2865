/**
 * Who belongs to what, in memory: each organisation's member people and networks, and the
 * networks each organisation coordinates. This is what conflicts of interest are read from when
 * a whole call's reviews are checked at once (the decision view): one query per review there
 * would scan the organisations for each. Reloaded after any organisation write (change markers);
 * single checks that guard access (a reviewer opening a proposal) read the database instead.
 */
import { SnapshotCache } from '../../shared/db/change-marker.js';
import { ORGANISATIONS_CHANGED, Organisation } from './organisation.model.js';
import { Network } from './network.model.js';

export interface OrgLinks {
  orgId: string;
  memberUserIds: string[];
  networkIds: string[];
}

export interface MembershipLinks {
  byOrg: Map<string, OrgLinks>;
  /** The organisations a person is a member of. */
  byMember: Map<string, OrgLinks[]>;
  /** Networks an organisation coordinates. */
  coordinated: Map<string, string[]>;
}

const links = new SnapshotCache<MembershipLinks>(ORGANISATIONS_CHANGED, 5_000, async () => {
  const [orgs, networks] = await Promise.all([
    Organisation.find({}, { memberUserIds: 1, networkIds: 1 }).lean(),
    // Coordinators are set by staff and seeds only; they are read with each reload.
    Network.find({}, { coordinatorOrgId: 1 }).lean(),
  ]);
  const value: MembershipLinks = { byOrg: new Map(), byMember: new Map(), coordinated: new Map() };
  for (const o of orgs) {
    const row = {
      orgId: String(o._id),
      memberUserIds: (o.memberUserIds ?? []).map(String),
      networkIds: (o.networkIds ?? []).map(String),
    };
    value.byOrg.set(row.orgId, row);
    for (const userId of row.memberUserIds) {
      const list = value.byMember.get(userId);
      if (list) list.push(row);
      else value.byMember.set(userId, [row]);
    }
  }
  for (const n of networks) {
    if (!n.coordinatorOrgId) continue;
    const orgId = String(n.coordinatorOrgId);
    value.coordinated.set(orgId, [...(value.coordinated.get(orgId) ?? []), String(n._id)]);
  }
  return value;
});

export function membershipLinks(): Promise<MembershipLinks> {
  return links.get();
}
