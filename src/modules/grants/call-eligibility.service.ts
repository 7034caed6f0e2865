/**
 * Who may apply to a call and whom to invite: each of a person's organisations against the call's eligibility,
 * and the social map's organisations ranked as invitees (staff).
 */
import { eligibilityProblems, inviteesForCall, type EligibilityProblem, type InviteFactor } from './grant.rules.js';
import { Application } from './application.model.js';
import { myOrganisations, socialMap } from '../directory/index.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import type { Bilingual } from '../funds/index.js';
import { getCall } from './call.service.js';

export interface EligibilityAnswer {
  org: { id: string; name: Bilingual };
  problems: EligibilityProblem[];
}

/** For each of the person's organisations: may it apply to this call, and if not, why. */
export async function eligibilityFor(actor: Actor, callId: string): Promise<EligibilityAnswer[]> {
  if (!actor) return [];
  const call = await getCall(actor, callId);
  const orgs = await myOrganisations(actor);
  return orgs.map((o) => ({
    org: { id: o.id, name: o.name },
    problems: eligibilityProblems(call.eligibility, {
      type: o.type,
      roles: o.roles,
      issues: o.issues,
      provinceCodes: [o.home.provinceCode, ...o.areasServed.map((a) => a.provinceCode)],
    }),
  }));
}

export interface Invitee {
  id: string;
  name: Bilingual;
  score: number;
  factors: InviteFactor[];
}

/** The social map's suggestions of organisations to invite to a call, with their reasons (staff). */
export async function inviteesFor(actor: Actor, callId: string): Promise<Invitee[]> {
  assertRole(actor, 'staff', 'admin');
  const call = await getCall(actor, callId);
  const [cards, applied] = await Promise.all([socialMap(), Application.find({ callId: call.id }, { orgId: 1 }).lean()]);
  const ranked = inviteesForCall(
    call.eligibility,
    cards.map((c) => ({
      id: c.id,
      type: c.type,
      roles: c.roles,
      issues: c.issues,
      provinceCodes: [c.home.provinceCode, ...c.areasServed.map((a) => a.provinceCode)],
      needsMoney: c.needs.some((n) => n.kind === 'money'),
      grantsReceived: c.grantsReceived,
      verified: c.verified,
      matchingOptIn: c.matchingOptIn,
    })),
    new Set(applied.map((a) => String(a.orgId))),
  );
  const byId = new Map(cards.map((c) => [c.id, c]));
  return ranked.map((r) => ({ ...r, name: byId.get(r.id)?.name ?? { th: '', en: '' } }));
}
