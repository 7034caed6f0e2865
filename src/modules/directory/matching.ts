/**
 * Who should meet whom, as explicit factors — pure, so every score can be checked by hand.
 * A recipient meets givers and supporters; a giver meets recipients that fit what it funds; a
 * supporter meets recipients whose needs its offers meet. A score is the sum of its factors; each
 * factor carries the i18n key and values that explain it to people in their language. The fast
 * whole-map scoring by the same rules is in match-index.ts.
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
export function wantedRoles(roles: readonly OrgRole[]): Set<OrgRole> {
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
      if (x.subDistrictCode && x.subDistrictCode === y.subDistrictCode)
        consider({ key: 'sameSubDistrict', params: {}, points: WEIGHTS.sameSubDistrict });
      else if (x.districtCode && x.districtCode === y.districtCode)
        consider({ key: 'sameDistrict', params: {}, points: WEIGHTS.sameDistrict });
      else if (x.provinceCode && x.provinceCode === y.provinceCode)
        consider({ key: 'sameProvince', params: {}, points: WEIGHTS.sameProvince });
      else if (
        x.provinceCode &&
        y.provinceCode &&
        regionOfProvince(x.provinceCode) === regionOfProvince(y.provinceCode)
      ) {
        consider({
          key: 'sameRegion',
          params: { region: regionOfProvince(x.provinceCode) },
          points: WEIGHTS.sameRegion,
        });
      }
    }
  }
  return best;
}

/** Where an organisation works: its home and every area it serves. */
export const places = (card: OrgCard): AreaCodes[] => [card.home, ...card.areasServed];

/**
 * A scorer for one organisation: what it looks for is worked out once, then each candidate costs
 * a few set lookups (the whole map is scored for every suggestion list).
 */
export function matcher(me: OrgCard): (other: OrgCard, detail?: boolean) => Match | null {
  const wanted = wantedRoles(me.roles);
  const myIssues = new Set(me.issues);
  const myTargets = new Set(me.targetGroups);
  const myPlaces = places(me);
  const meRecipient = me.roles.includes('recipient');
  const meGiver = me.roles.includes('giver');
  const onlySupporter = !meGiver && !meRecipient;
  const myOfferKinds = new Set(me.offers.map((o) => o.kind));
  const myNeedKinds = new Set(me.needs.map((n) => n.kind));
  const issueLimit = WEIGHTS.sharedIssueCap / WEIGHTS.sharedIssue;
  const targetLimit = WEIGHTS.sharedTargetCap / WEIGHTS.sharedTarget;
  const metLimit = WEIGHTS.offerMeetsNeedCap / WEIGHTS.offerMeetsNeed;

  // With detail off only the score is computed (no factor objects): the whole map is scored that
  // way and only candidates entering the top list are scored again with their factors.
  return (other, detail = true) => {
    if (me.id === other.id || !other.matchingOptIn) return null;
    let wantedRole = false;
    let otherGivesToMe = false;
    for (const r of other.roles) {
      if (!wanted.has(r)) continue;
      wantedRole = true;
      if (r === 'giver' || r === 'supporter') otherGivesToMe = true;
    }
    if (!wantedRole) return null;
    const factors: MatchFactor[] = [];
    let score = 0;
    let reasons = 0;
    const add = (key: string, params: MatchFactor['params'], points: number) => {
      score += points;
      reasons += 1;
      if (detail) factors.push({ key, params, points });
    };

    let issues = 0;
    for (const issue of other.issues) {
      if (issues < issueLimit && myIssues.has(issue)) {
        add('sharedIssue', { issue }, WEIGHTS.sharedIssue);
        issues += 1;
      }
    }
    let targets = 0;
    for (const target of other.targetGroups) {
      if (targets < targetLimit && myTargets.has(target)) {
        add('sharedTarget', { target }, WEIGHTS.sharedTarget);
        targets += 1;
      }
    }

    // Resources flow from givers and supporters to recipients: my needs met by their offers, or theirs by mine.
    const iReceive = meRecipient && otherGivesToMe;
    let met = 0;
    const seen = new Set<ResourceKind>();
    for (const item of iReceive ? other.offers : other.needs) {
      const kind = item.kind;
      if (seen.has(kind) || met >= metLimit) continue;
      seen.add(kind);
      if (iReceive ? myNeedKinds.has(kind) : myOfferKinds.has(kind)) {
        add(iReceive ? 'theyOffer' : 'youOffer', { resource: kind }, WEIGHTS.offerMeetsNeed);
        met += 1;
      }
    }

    // A supporter's suggestions are recipients whose needs its offers meet; nothing else counts.
    if (onlySupporter && met === 0) return null;
    // No shared issue, people or resource: being near each other alone is not a reason to meet.
    if (reasons === 0) return null;

    const near = proximity(myPlaces, places(other));
    if (near) add(near.key, near.params, near.points);

    const [offering, needing] = iReceive ? [other, me] : [me, other];
    const moneyOffer = offering.offers.find((o) => o.kind === 'money')?.amountSatang;
    const moneyNeed = needing.needs.find((n) => n.kind === 'money')?.amountSatang;
    if (moneyOffer !== undefined && moneyNeed !== undefined && moneyNeed > 0 && moneyOffer >= moneyNeed) {
      add('capacityFit', {}, WEIGHTS.capacityFit);
    }
    if (!iReceive && meGiver && other.roles.includes('recipient') && other.grantsReceived === 0) {
      add('neverFunded', {}, WEIGHTS.neverFunded);
    }
    return { candidateId: other.id, score, factors };
  };
}

/** The factors between an organisation and one candidate, from the organisation's side. */
export function scorePair(me: OrgCard, other: OrgCard): Match | null {
  return matcher(me)(other);
}
