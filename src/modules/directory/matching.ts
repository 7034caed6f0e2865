/**
 * Who should meet whom, as explicit factors — pure, so every score can be checked by hand.
 * A recipient meets givers and supporters; a giver meets recipients that fit what it funds; a
 * supporter meets recipients whose needs its offers meet. A score is the sum of its factors; each
 * factor carries the i18n key and values that explain it to people in their language.
 */
import type { OrgCard, AreaCodes } from './social-map.js';
import { regionOfProvince } from './geography.js';
import type { OrgRole, ResourceKind } from './vocabulary.js';

/** Every weight in one place, with why it is that size. */
export const WEIGHTS = {
  /** Working on the same issue is the strongest sign two organisations can do something together. */
  sharedIssue: 20,
  /** …counted for at most two issues, so a long list of issues does not drown the other factors. */
  sharedIssueCap: 40,
  /** Serving the same people matters, a little less than the same issue. */
  sharedTarget: 10,
  sharedTargetCap: 20,
  /** Community work is local: the nearer, the more likely a real meeting and follow-up. */
  sameSubDistrict: 30,
  sameDistrict: 25,
  sameProvince: 15,
  sameRegion: 5,
  /** An offer that answers a stated need is as strong as a shared issue. */
  offerMeetsNeed: 20,
  offerMeetsNeedCap: 40,
  /** A giver whose money offer covers the recipient's stated need. */
  capacityFit: 10,
  /** The strategy favours groups that have never had a grant: a small, deliberate boost. */
  neverFunded: 5,
} as const;

export interface MatchFactor {
  /** i18n key under `match.` explaining the factor. */
  key: string;
  params: Record<string, string | number>;
  points: number;
}

export interface Match {
  candidateId: string;
  score: number;
  factors: MatchFactor[];
}

/** Which roles an organisation in a role looks for. */
function wantedRoles(roles: readonly OrgRole[]): Set<OrgRole> {
  const wanted = new Set<OrgRole>();
  if (roles.includes('recipient')) {
    wanted.add('giver');
    wanted.add('supporter');
  }
  if (roles.includes('giver') || roles.includes('supporter')) wanted.add('recipient');
  return wanted;
}

function proximity(a: AreaCodes[], b: AreaCodes[]): MatchFactor | null {
  let best: MatchFactor | null = null;
  const consider = (factor: MatchFactor) => {
    if (!best || factor.points > best.points) best = factor;
  };
  for (const x of a) {
    for (const y of b) {
      if (x.subDistrictCode && x.subDistrictCode === y.subDistrictCode) consider({ key: 'sameSubDistrict', params: {}, points: WEIGHTS.sameSubDistrict });
      else if (x.districtCode && x.districtCode === y.districtCode) consider({ key: 'sameDistrict', params: {}, points: WEIGHTS.sameDistrict });
      else if (x.provinceCode && x.provinceCode === y.provinceCode) consider({ key: 'sameProvince', params: {}, points: WEIGHTS.sameProvince });
      else if (x.provinceCode && y.provinceCode && regionOfProvince(x.provinceCode) === regionOfProvince(y.provinceCode)) {
        consider({ key: 'sameRegion', params: { region: regionOfProvince(x.provinceCode) }, points: WEIGHTS.sameRegion });
      }
    }
  }
  return best;
}

const places = (card: OrgCard): AreaCodes[] => [card.home, ...card.areasServed];

/** The factors between an organisation and one candidate, from the organisation's side. */
export function scorePair(me: OrgCard, other: OrgCard): Match | null {
  if (me.id === other.id || !other.matchingOptIn) return null;
  const wanted = wantedRoles(me.roles);
  const otherRoles = other.roles.filter((r) => wanted.has(r));
  if (otherRoles.length === 0) return null;
  const factors: MatchFactor[] = [];

  const issues = me.issues.filter((i) => other.issues.includes(i));
  issues.slice(0, WEIGHTS.sharedIssueCap / WEIGHTS.sharedIssue).forEach((issue) => factors.push({ key: 'sharedIssue', params: { issue }, points: WEIGHTS.sharedIssue }));
  const targets = me.targetGroups.filter((t) => other.targetGroups.includes(t));
  targets.slice(0, WEIGHTS.sharedTargetCap / WEIGHTS.sharedTarget).forEach((target) => factors.push({ key: 'sharedTarget', params: { target }, points: WEIGHTS.sharedTarget }));

  // Resources flow from givers and supporters to recipients: my needs met by their offers, or theirs by mine.
  const iReceive = me.roles.includes('recipient') && otherRoles.some((r) => r === 'giver' || r === 'supporter');
  const [offering, needing] = iReceive ? [other, me] : [me, other];
  const met = [...new Set(offering.offers.map((o) => o.kind))].filter((kind: ResourceKind) => needing.needs.some((n) => n.kind === kind));
  met.slice(0, WEIGHTS.offerMeetsNeedCap / WEIGHTS.offerMeetsNeed).forEach((kind) =>
    factors.push({ key: iReceive ? 'theyOffer' : 'youOffer', params: { resource: kind }, points: WEIGHTS.offerMeetsNeed }),
  );

  // A supporter's suggestions are recipients whose needs its offers meet; nothing else counts.
  const onlySupporter = !me.roles.includes('giver') && !me.roles.includes('recipient');
  if (onlySupporter && met.length === 0) return null;
  // No shared issue, people or resource: being near each other alone is not a reason to meet.
  if (factors.length === 0) return null;

  const near = proximity(places(me), places(other));
  if (near) factors.push(near);

  const moneyOffer = offering.offers.find((o) => o.kind === 'money')?.amountSatang;
  const moneyNeed = needing.needs.find((n) => n.kind === 'money')?.amountSatang;
  if (moneyOffer !== undefined && moneyNeed !== undefined && moneyNeed > 0 && moneyOffer >= moneyNeed) {
    factors.push({ key: 'capacityFit', params: {}, points: WEIGHTS.capacityFit });
  }
  if (!iReceive && other.roles.includes('recipient') && other.grantsReceived === 0 && me.roles.includes('giver')) {
    factors.push({ key: 'neverFunded', params: {}, points: WEIGHTS.neverFunded });
  }
  return { candidateId: other.id, score: factors.reduce((sum, f) => sum + f.points, 0), factors };
}

/**
 * The best `limit` matches for an organisation among all cards, highest score first (ties by
 * verified, then by id for a stable order). One pass over the cards, a small sorted window kept.
 */
export function topMatches(me: OrgCard, cards: readonly OrgCard[], limit = 20, hidden: ReadonlySet<string> = new Set()): Match[] {
  const best: (Match & { verified: boolean })[] = [];
  const worse = (a: Match & { verified: boolean }, b: Match & { verified: boolean }) =>
    b.score - a.score || Number(b.verified) - Number(a.verified) || (a.candidateId < b.candidateId ? -1 : 1);
  for (const other of cards) {
    if (hidden.has(other.id)) continue;
    const match = scorePair(me, other);
    if (!match) continue;
    const entry = { ...match, verified: other.verified };
    if (best.length < limit) {
      best.push(entry);
      best.sort(worse);
    } else if (worse(entry, best[best.length - 1] as Match & { verified: boolean }) < 0) {
      best[best.length - 1] = entry;
      best.sort(worse);
    }
  }
  return best.map(({ verified: _verified, ...match }) => match);
}
