/**
 * The social map packed into typed arrays, and one organisation's best matches scored over it in one
 * pass — by the same rules as `matcher` in matching.ts, which then explains the winners.
 */
import type { OrgCard, AreaCodes } from './social-map.js';
import { regionOfProvince } from './geography.js';
import type { OrgRole } from './vocabulary.js';
import { WEIGHTS, matcher, places, wantedRoles, type Match } from './matching.js';

const ROLE_BIT: Record<OrgRole, number> = { giver: 1, recipient: 2, supporter: 4 };
const bitsOf = <T extends string>(values: readonly T[], order: readonly T[]): number =>
  values.reduce((bits, v) => bits | (1 << order.indexOf(v)), 0);
const popcount = (n: number): number => {
  let count = 0;
  for (let x = n; x; x &= x - 1) count += 1;
  return count;
};
const REGION_OF = ['central', 'east', 'northeast', 'north', 'west', 'south'];

/**
 * The social map packed into typed arrays for scoring: each organisation's roles, issues, target
 * groups, offers and needs as bit sets and its places as numbers, so scoring the whole map is a
 * pass over flat memory (what keeps 10,000 organisations within a few milliseconds).
 */
interface MatchIndex {
  cards: readonly OrgCard[];
  vocab: { issues: readonly string[]; targets: readonly string[]; resources: readonly string[] };
  roles: Uint8Array;
  issues: Uint32Array;
  targets: Uint32Array;
  offers: Uint8Array;
  needs: Uint8Array;
  usable: Uint8Array;
  verified: Uint8Array;
  neverFunded: Uint8Array;
  offerMoney: Float64Array;
  needMoney: Float64Array;
  /** Places, flattened: [start, end) of each organisation's places in the arrays below. */
  placeStart: Uint32Array;
  placeSub: Int32Array;
  placeDistrict: Int32Array;
  placeProvince: Int32Array;
  placeRegion: Int8Array;
}

const indexes = new WeakMap<readonly OrgCard[], MatchIndex>();

function vocabularyOf(cards: readonly OrgCard[]) {
  // Bit positions come from the values present, so the index needs no copy of the vocabulary lists.
  const issues = [...new Set(cards.flatMap((c) => c.issues))].sort();
  const targets = [...new Set(cards.flatMap((c) => c.targetGroups))].sort();
  const resources = [...new Set(cards.flatMap((c) => [...c.offers, ...c.needs].map((r) => r.kind)))].sort();
  return { issues, targets, resources };
}

function placeNumbers(area: AreaCodes): [number, number, number, number] {
  return [
    area.subDistrictCode ? Number(area.subDistrictCode) : -1,
    area.districtCode ? Number(area.districtCode) : -1,
    area.provinceCode ? Number(area.provinceCode) : -1,
    area.provinceCode ? REGION_OF.indexOf(regionOfProvince(area.provinceCode)) : -1,
  ];
}

function buildIndex(cards: readonly OrgCard[]): MatchIndex {
  const vocab = vocabularyOf(cards);
  const n = cards.length;
  const index: MatchIndex = {
    cards,
    vocab,
    roles: new Uint8Array(n),
    issues: new Uint32Array(n),
    targets: new Uint32Array(n),
    offers: new Uint8Array(n),
    needs: new Uint8Array(n),
    usable: new Uint8Array(n),
    verified: new Uint8Array(n),
    neverFunded: new Uint8Array(n),
    offerMoney: new Float64Array(n),
    needMoney: new Float64Array(n),
    placeStart: new Uint32Array(n + 1),
    placeSub: new Int32Array(0),
    placeDistrict: new Int32Array(0),
    placeProvince: new Int32Array(0),
    placeRegion: new Int8Array(0),
  };
  const subs: number[] = [];
  const districts: number[] = [];
  const provinces: number[] = [];
  const regions: number[] = [];
  cards.forEach((c, i) => {
    index.roles[i] = c.roles.reduce((bits, r) => bits | ROLE_BIT[r], 0);
    index.issues[i] = bitsOf(c.issues, vocab.issues);
    index.targets[i] = bitsOf(c.targetGroups, vocab.targets);
    index.offers[i] = bitsOf(
      c.offers.map((o) => o.kind),
      vocab.resources,
    );
    index.needs[i] = bitsOf(
      c.needs.map((o) => o.kind),
      vocab.resources,
    );
    index.usable[i] = c.matchingOptIn ? 1 : 0;
    index.verified[i] = c.verified ? 1 : 0;
    index.neverFunded[i] = c.grantsReceived === 0 ? 1 : 0;
    index.offerMoney[i] = c.offers.find((o) => o.kind === 'money')?.amountSatang ?? Number.NaN;
    index.needMoney[i] = c.needs.find((o) => o.kind === 'money')?.amountSatang ?? Number.NaN;
    index.placeStart[i] = subs.length;
    for (const area of places(c)) {
      const [sub, district, province, region] = placeNumbers(area);
      subs.push(sub);
      districts.push(district);
      provinces.push(province);
      regions.push(region);
    }
  });
  index.placeStart[n] = subs.length;
  index.placeSub = Int32Array.from(subs);
  index.placeDistrict = Int32Array.from(districts);
  index.placeProvince = Int32Array.from(provinces);
  index.placeRegion = Int8Array.from(regions);
  return index;
}

function indexOf(cards: readonly OrgCard[]): MatchIndex {
  let index = indexes.get(cards);
  if (!index) {
    index = buildIndex(cards);
    indexes.set(cards, index);
  }
  return index;
}

/**
 * The best `limit` matches for an organisation among all cards, highest score first (ties by
 * verified, then by id for a stable order). The whole map is scored from the packed index; only
 * the winners are scored again with their explained factors (by the same rules, `matcher`).
 */
export function topMatches(
  me: OrgCard,
  cards: readonly OrgCard[],
  limit = 20,
  hidden: ReadonlySet<string> = new Set(),
): Match[] {
  const ix = indexOf(cards);
  const v = ix.vocab;
  const wanted = [...wantedRoles(me.roles)].reduce((bits, r) => bits | ROLE_BIT[r], 0);
  const meRecipient = me.roles.includes('recipient');
  const meGiver = me.roles.includes('giver');
  const onlySupporter = !meGiver && !meRecipient;
  const myIssues = bitsOf(
    me.issues.filter((x) => v.issues.includes(x)),
    v.issues,
  );
  const myTargets = bitsOf(
    me.targetGroups.filter((x) => v.targets.includes(x)),
    v.targets,
  );
  const myOffers = bitsOf(
    me.offers.map((o) => o.kind).filter((x) => v.resources.includes(x)),
    v.resources,
  );
  const myNeeds = bitsOf(
    me.needs.map((o) => o.kind).filter((x) => v.resources.includes(x)),
    v.resources,
  );
  const myOfferMoney = me.offers.find((o) => o.kind === 'money')?.amountSatang ?? Number.NaN;
  const myNeedMoney = me.needs.find((o) => o.kind === 'money')?.amountSatang ?? Number.NaN;
  const mine = places(me).map(placeNumbers);
  const cap = (count: number, most: number) => (count < most ? count : most);

  const best: { i: number; score: number }[] = [];
  const before = (a: { i: number; score: number }, b: { i: number; score: number }) =>
    a.score !== b.score
      ? a.score > b.score
      : ix.verified[a.i] !== ix.verified[b.i]
        ? ix.verified[a.i] === 1
        : (cards[a.i] as OrgCard).id < (cards[b.i] as OrgCard).id;

  for (let i = 0; i < cards.length; i += 1) {
    const roles = ix.roles[i] as number;
    if ((roles & wanted) === 0 || ix.usable[i] === 0) continue;
    const card = cards[i] as OrgCard;
    if (card.id === me.id || (hidden.size > 0 && hidden.has(card.id))) continue;
    const iReceive = meRecipient && (roles & wanted & (ROLE_BIT.giver | ROLE_BIT.supporter)) !== 0;
    const issues = cap(popcount(myIssues & (ix.issues[i] as number)), WEIGHTS.sharedIssueCap / WEIGHTS.sharedIssue);
    const targets = cap(
      popcount(myTargets & (ix.targets[i] as number)),
      WEIGHTS.sharedTargetCap / WEIGHTS.sharedTarget,
    );
    const met = cap(
      popcount(iReceive ? (ix.offers[i] as number) & myNeeds : (ix.needs[i] as number) & myOffers),
      WEIGHTS.offerMeetsNeedCap / WEIGHTS.offerMeetsNeed,
    );
    if (onlySupporter && met === 0) continue;
    if (issues + targets + met === 0) continue;
    let score = issues * WEIGHTS.sharedIssue + targets * WEIGHTS.sharedTarget + met * WEIGHTS.offerMeetsNeed;
    let near = 0;
    for (let p = ix.placeStart[i] as number; p < (ix.placeStart[i + 1] as number); p += 1) {
      for (const [sub, district, province, region] of mine) {
        const points =
          sub >= 0 && sub === ix.placeSub[p]
            ? WEIGHTS.sameSubDistrict
            : district >= 0 && district === ix.placeDistrict[p]
              ? WEIGHTS.sameDistrict
              : province >= 0 && province === ix.placeProvince[p]
                ? WEIGHTS.sameProvince
                : province >= 0 && (ix.placeProvince[p] as number) >= 0 && region === ix.placeRegion[p]
                  ? WEIGHTS.sameRegion
                  : 0;
        if (points > near) near = points;
      }
    }
    score += near;
    const offerMoney = iReceive ? (ix.offerMoney[i] as number) : myOfferMoney;
    const needMoney = iReceive ? myNeedMoney : (ix.needMoney[i] as number);
    if (needMoney > 0 && offerMoney >= needMoney) score += WEIGHTS.capacityFit;
    if (!iReceive && meGiver && (roles & ROLE_BIT.recipient) !== 0 && ix.neverFunded[i] === 1)
      score += WEIGHTS.neverFunded;

    const entry = { i, score };
    if (best.length === limit && !before(entry, best[limit - 1] as (typeof best)[number])) continue;
    let at = best.length;
    while (at > 0 && before(entry, best[at - 1] as (typeof best)[number])) at -= 1;
    best.splice(at, 0, entry);
    if (best.length > limit) best.pop();
  }
  const explain = matcher(me);
  return best.map((b) => explain(cards[b.i] as OrgCard) as Match);
}

/** Builds the packed index of a new snapshot ahead of its first match page. */
export function prepareMatchIndex(cards: readonly OrgCard[]): void {
  indexOf(cards);
}
