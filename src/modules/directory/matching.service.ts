/** Suggestions for an organisation from the in-memory social map, and what its members made of them. */
import mongoose from 'mongoose';
import type { Match } from './matching.js';
import { topMatches } from './match-index.js';
import { socialMap, canEdit } from './organisation.service.js';
import { Organisation } from './organisation.model.js';
import { MatchMark } from './match-mark.model.js';
import type { MatchMarkStatus } from './vocabulary.js';
import type { OrgCard } from './social-map.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { hasRole, type Actor } from '../../shared/actor.js';
import { LoadingCache } from '../../shared/cache.js';

export interface Suggestion extends Match {
  candidate: OrgCard;
  mark: MatchMarkStatus | null;
}

const marksCache = new LoadingCache<Map<string, MatchMarkStatus>>(10_000);

async function marksOf(orgId: string): Promise<Map<string, MatchMarkStatus>> {
  return marksCache.get(orgId, async () => {
    const marks = await MatchMark.find({ orgId: new mongoose.Types.ObjectId(orgId) }).lean();
    return new Map(marks.map((m) => [String(m.candidateId), m.status as MatchMarkStatus]));
  });
}

/** The map's cards by id, built once per snapshot (the snapshot array is replaced on reload). */
const indexes = new WeakMap<readonly OrgCard[], Map<string, OrgCard>>();
function cardsById(cards: readonly OrgCard[]): Map<string, OrgCard> {
  let index = indexes.get(cards);
  if (!index) {
    index = new Map(cards.map((c) => [c.id, c]));
    indexes.set(cards, index);
  }
  return index;
}

// Matches depend only on the snapshot and what the organisation hid: a page seen again (the same
// organisation, or its members coming back to mark) is not scored against the whole map again.
const MAX_KEPT_MATCHES = 1_000;
const keptMatches = new WeakMap<readonly OrgCard[], Map<string, Match[]>>();

function matchesOf(org: OrgCard, cards: readonly OrgCard[], limit: number, hidden: Set<string>): Match[] {
  let kept = keptMatches.get(cards);
  if (!kept) keptMatches.set(cards, (kept = new Map()));
  const key = `${org.id}|${limit}|${[...hidden].sort().join(',')}`;
  let matches = kept.get(key);
  if (!matches) {
    if (kept.size >= MAX_KEPT_MATCHES) kept.clear();
    kept.set(key, (matches = topMatches(org, cards, limit, hidden)));
  }
  return matches;
}

/**
 * The top suggestions for an organisation (public data only); "not relevant" ones left out. One
 * that opted out of matching has no suggestions page at all, for anyone (as in the open data).
 */
export async function suggestionsFor(orgId: string, limit = 20): Promise<{ org: OrgCard; suggestions: Suggestion[] }> {
  const cards = await socialMap();
  const org = cardsById(cards).get(orgId);
  if (!org || !org.matchingOptIn) throw new NotFoundError('directory.notFound');
  const marks = mongoose.isValidObjectId(orgId) ? await marksOf(orgId) : new Map<string, MatchMarkStatus>();
  const hidden = new Set([...marks].filter(([, status]) => status === 'not_relevant').map(([id]) => id));
  const byId = cardsById(cards);
  const suggestions = matchesOf(org, cards, limit, hidden).map((m) => ({
    ...m,
    candidate: byId.get(m.candidateId) as OrgCard,
    mark: marks.get(m.candidateId) ?? null,
  }));
  return { org, suggestions };
}

/** Whether this person may mark an organisation's suggestions (a member or staff); visitors need no lookup. */
export async function canMarkSuggestions(actor: Actor, orgId: string): Promise<boolean> {
  if (!actor || !mongoose.isValidObjectId(orgId)) return false;
  const org = await Organisation.findById(orgId, { memberUserIds: 1 }).lean();
  return org ? canEdit(actor, org) : false;
}

export async function markSuggestion(
  actor: Actor,
  orgId: string,
  candidateId: string,
  status: MatchMarkStatus,
): Promise<void> {
  if (!actor) throw new ForbiddenError();
  const org = mongoose.isValidObjectId(orgId) ? await Organisation.findById(orgId, { memberUserIds: 1 }).lean() : null;
  if (!org) throw new NotFoundError('directory.notFound');
  if (!canEdit(actor, org)) throw new ForbiddenError();
  if (!mongoose.isValidObjectId(candidateId) || !(await socialMap()).some((c) => c.id === candidateId))
    throw new NotFoundError('directory.notFound');
  await MatchMark.replaceOne(
    { _id: `${orgId}:${candidateId}` },
    { orgId, candidateId, status, byUserId: actor.id },
    { upsert: true },
  );
  marksCache.clear();
}

export interface Introduction {
  org: OrgCard;
  candidate: OrgCard;
  status: MatchMarkStatus;
  updatedAt: Date;
}

/** Introductions in progress (contacted or interested), newest first, for staff to follow up. */
export async function introductions(actor: Actor): Promise<Introduction[]> {
  if (!hasRole(actor, 'staff', 'admin')) throw new ForbiddenError();
  const [marks, cards] = await Promise.all([
    MatchMark.find({ status: { $in: ['contacted', 'interested'] } })
      .sort({ updatedAt: -1 })
      .limit(500)
      .lean(),
    socialMap(),
  ]);
  const byId = cardsById(cards);
  return marks.flatMap((m) => {
    const org = byId.get(String(m.orgId));
    const candidate = byId.get(String(m.candidateId));
    return org && candidate
      ? [
          {
            org,
            candidate,
            status: m.status as MatchMarkStatus,
            updatedAt: (m as { updatedAt?: Date }).updatedAt ?? new Date(0),
          },
        ]
      : [];
  });
}
