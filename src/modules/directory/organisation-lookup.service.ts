/**
 * What other modules read about organisations, without their model: names, members, the
 * organisations a person belongs to, and the links conflicts of interest are found from. Plain
 * objects with string ids, read fresh from the database (the in-memory social map is
 * social-map.store.ts). No rule lives here: who may see or do what is the caller's to decide
 * (shared/actor.ts `isMember`, `assertMember`).
 */
import mongoose from 'mongoose';
import { Organisation } from './organisation.model.js';
import { Network } from './network.model.js';

type Names = { th: string; en: string };

/** An organisation as grants and conflict checks need it. */
export interface OrganisationBrief {
  id: string;
  name: Names;
  memberUserIds: string[];
  networkIds: string[];
  issues: string[];
}

/** What an application is checked against and prefilled from (eligibility, target groups, home area). */
export interface ApplicantProfile extends OrganisationBrief {
  type: string;
  roles: string[];
  targetGroups: string[];
  home: { provinceCode: string; districtCode: string | null; subDistrictCode: string | null };
  /** The home province first, then those of the areas served. */
  provinceCodes: string[];
}

interface LeanBrief {
  _id: unknown;
  name?: { th?: string | null; en?: string | null } | null;
  memberUserIds?: unknown[] | null;
  networkIds?: unknown[] | null;
  issues?: unknown[] | null;
}

const BRIEF = { name: 1, memberUserIds: 1, networkIds: 1, issues: 1 } as const;

function toBrief(o: LeanBrief): OrganisationBrief {
  return {
    id: String(o._id),
    name: { th: o.name?.th ?? '', en: o.name?.en ?? '' },
    memberUserIds: (o.memberUserIds ?? []).map(String),
    networkIds: (o.networkIds ?? []).map(String),
    issues: (o.issues ?? []).map(String),
  };
}

/** Distinct valid ids (ObjectIds or their strings); anything else names no organisation. */
function objectIds(ids: readonly unknown[]): mongoose.Types.ObjectId[] {
  return [...new Set(ids.map(String))]
    .filter((id) => mongoose.isValidObjectId(id))
    .map((id) => new mongoose.Types.ObjectId(id));
}

/** One organisation, or null when there is none with this id. */
export async function organisationBrief(id: unknown): Promise<OrganisationBrief | null> {
  if (!mongoose.isValidObjectId(String(id))) return null;
  const org = await Organisation.findById(String(id), BRIEF).lean();
  return org ? toBrief(org) : null;
}

/** Several organisations by id (those that exist), keyed by id. */
export async function organisationsByIds(ids: readonly unknown[]): Promise<Map<string, OrganisationBrief>> {
  const wanted = objectIds(ids);
  if (!wanted.length) return new Map();
  const orgs = await Organisation.find({ _id: { $in: wanted } }, BRIEF).lean();
  return new Map(orgs.map((o) => [String(o._id), toBrief(o)]));
}

/** Organisations' names by id, in both languages; an unknown id is simply absent. */
export async function organisationNames(ids: readonly unknown[]): Promise<Map<string, Names>> {
  const wanted = objectIds(ids);
  if (!wanted.length) return new Map();
  const orgs = await Organisation.find({ _id: { $in: wanted } }, { name: 1 }).lean();
  return new Map(orgs.map((o) => [String(o._id), { th: o.name?.th ?? '', en: o.name?.en ?? '' }]));
}

/** The people who are members of an organisation (none when it does not exist). */
export async function organisationMemberIds(id: unknown): Promise<string[]> {
  return (await organisationBrief(id))?.memberUserIds ?? [];
}

/** The ids of the organisations a person is a member of (at most `limit` when given). */
export async function organisationIdsOfMember(userId: string, limit?: number): Promise<string[]> {
  if (!mongoose.isValidObjectId(userId)) return [];
  const query = Organisation.find({ memberUserIds: new mongoose.Types.ObjectId(userId) }, { _id: 1 });
  if (limit !== undefined) query.limit(limit);
  return (await query.lean()).map((o) => String(o._id));
}

/** For each person, the organisations they are a member of (every person is a key, maybe with none). */
export async function organisationsOfMembers(userIds: readonly string[]): Promise<Map<string, OrganisationBrief[]>> {
  const wanted = objectIds(userIds);
  const orgs = wanted.length
    ? (await Organisation.find({ memberUserIds: { $in: wanted } }, BRIEF).lean()).map(toBrief)
    : [];
  return new Map(userIds.map((userId) => [userId, orgs.filter((o) => o.memberUserIds.includes(userId))]));
}

/** The networks an organisation coordinates. */
export async function networksCoordinatedBy(orgId: unknown): Promise<string[]> {
  if (!mongoose.isValidObjectId(String(orgId))) return [];
  const networks = await Network.find({ coordinatorOrgId: String(orgId) }, { _id: 1 }).lean();
  return networks.map((n) => String(n._id));
}

/** An organisation as an application to a grant call reads it, or null when there is none. */
export async function applicantProfile(id: unknown): Promise<ApplicantProfile | null> {
  if (!mongoose.isValidObjectId(String(id))) return null;
  const org = await Organisation.findById(String(id)).lean();
  if (!org) return null;
  return {
    ...toBrief(org),
    type: org.type,
    roles: [...(org.roles ?? [])],
    targetGroups: [...(org.targetGroups ?? [])],
    home: {
      provinceCode: org.home?.provinceCode ?? '',
      districtCode: org.home?.districtCode ?? null,
      subDistrictCode: org.home?.subDistrictCode ?? null,
    },
    provinceCodes: [org.home?.provinceCode ?? '', ...(org.areasServed ?? []).map((a) => a.provinceCode)],
  };
}
