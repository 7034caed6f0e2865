/**
 * The social map in memory: every organisation's public card, and who belongs to what (members,
 * networks, coordinators), from one read of the organisations. That read is the slowest thing the
 * app asks of FerretDB (it decodes every document in Go: seconds for 10,000), so it happens once at
 * start (warmSocialMap, before the server listens) and again only when another process changed an
 * organisation, in the background, while the old map is served. This process's own writes are
 * patched in by id. The work each page would otherwise repeat — the directory's sorted orders and
 * area lists, the packed matching index — is built with the map, yielding between steps so that
 * requests keep being answered while a new map is built.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import mongoose from 'mongoose';
import { ORGANISATIONS_CHANGED, Organisation } from './organisation.model.js';
import { Network } from './network.model.js';
import { toCard, type LeanOrg } from './org-card.js';
import { prepareDirectory, type OrgCard } from './social-map.js';
import { prepareMatchIndex } from './match-index.js';
import { SnapshotCache } from '../../shared/db/change-marker.js';

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

interface SocialMapSnapshot {
  cards: OrgCard[];
  links: MembershipLinks;
}

/** Only what the cards and links read: never private contacts, registration or who created it. */
const PROJECTION = Object.fromEntries(
  [
    'name',
    'type',
    'roles',
    'issues',
    'targetGroups',
    'description',
    'home',
    'areasServed',
    'offers',
    'needs',
    'members',
    'budgetBand',
    'networkIds',
    'verified',
    'matchingOptIn',
    'grantsReceived',
    'sample',
    'updatedAt',
    'keywords',
    'memberUserIds',
  ].map((field) => [field, 1]),
);

type Row = LeanOrg & { memberUserIds?: unknown[] | null };

function linksOf(row: Row): OrgLinks {
  return {
    orgId: String(row._id),
    memberUserIds: (row.memberUserIds ?? []).map(String),
    networkIds: (row.networkIds ?? []).map(String),
  };
}

function byMemberOf(byOrg: Map<string, OrgLinks>): Map<string, OrgLinks[]> {
  const byMember = new Map<string, OrgLinks[]>();
  for (const row of byOrg.values()) {
    for (const userId of row.memberUserIds) {
      const list = byMember.get(userId);
      if (list) list.push(row);
      else byMember.set(userId, [row]);
    }
  }
  return byMember;
}

/** The derived work, a step at a time with a turn of the event loop between steps. */
async function prepare(cards: OrgCard[]): Promise<void> {
  for (const step of prepareDirectory(cards)) {
    step();
    await nextTurn();
  }
  prepareMatchIndex(cards);
}

async function load(): Promise<SocialMapSnapshot> {
  const [rows, networks] = await Promise.all([
    Organisation.find({}, PROJECTION).lean<Row[]>(),
    // Coordinators are set by staff and seeds only; they are read with each full load.
    Network.find({}, { coordinatorOrgId: 1 }).lean(),
  ]);
  const cards: OrgCard[] = [];
  const byOrg = new Map<string, OrgLinks>();
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as Row;
    cards.push(toCard(row));
    byOrg.set(String(row._id), linksOf(row));
    if (i % 2_000 === 1_999) await nextTurn();
  }
  const coordinated = new Map<string, string[]>();
  for (const n of networks) {
    if (!n.coordinatorOrgId) continue;
    const orgId = String(n.coordinatorOrgId);
    coordinated.set(orgId, [...(coordinated.get(orgId) ?? []), String(n._id)]);
  }
  await prepare(cards);
  return { cards, links: { byOrg, byMember: byMemberOf(byOrg), coordinated } };
}

/** This process's writes: the written organisations read again by `_id`, the rest of the map kept. */
async function patch(snapshot: SocialMapSnapshot, ids: readonly string[]): Promise<SocialMapSnapshot> {
  const valid = ids.filter((id) => mongoose.isValidObjectId(id));
  const rows = await Promise.all(valid.map((id) => Organisation.findById(id, PROJECTION).lean<Row>()));
  const fresh = new Map<string, Row | null>(valid.map((id, i) => [id, rows[i] ?? null]));
  const cards: OrgCard[] = [];
  for (const card of snapshot.cards) {
    if (!fresh.has(card.id)) cards.push(card);
    else {
      const row = fresh.get(card.id);
      if (row) cards.push(toCard(row));
      fresh.delete(card.id);
    }
  }
  for (const row of fresh.values()) if (row) cards.push(toCard(row));
  const byOrg = new Map(snapshot.links.byOrg);
  for (const [i, id] of valid.entries()) {
    const row = rows[i];
    if (row) byOrg.set(id, linksOf(row));
    else byOrg.delete(id);
  }
  await prepare(cards);
  return { cards, links: { ...snapshot.links, byOrg, byMember: byMemberOf(byOrg) } };
}

const map = new SnapshotCache<SocialMapSnapshot>(ORGANISATIONS_CHANGED, 5_000, load, patch);

export async function socialMapCards(): Promise<OrgCard[]> {
  return (await map.get()).cards;
}

/**
 * Who belongs to what, in memory: what conflicts of interest are read from when a whole call's
 * reviews are checked at once (the decision view). Single checks that guard access (a reviewer
 * opening a proposal) read the database instead.
 */
export async function membershipLinks(): Promise<MembershipLinks> {
  return (await map.get()).links;
}

/** Loads the map and builds its derived work: at start, before the server takes requests. */
export async function warmSocialMap(): Promise<void> {
  await map.get();
}
