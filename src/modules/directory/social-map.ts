/**
 * The social map as plain data, and the directory's filters over it — pure functions, so the
 * directory, matching and the API share one snapshot and can be tested without a database.
 */
import type { BudgetBand, Issue, OrgRole, OrgType, ResourceKind, TargetGroup } from './vocabulary.js';
import { queryMatcher, type TagLabel } from './keywords.js';
import { searchLabels } from './vocabulary-labels.js';

export interface AreaCodes {
  provinceCode: string;
  districtCode?: string | undefined;
  subDistrictCode?: string | undefined;
}

export interface Resource {
  kind: ResourceKind;
  amountSatang?: number | undefined;
  capacity?: number | undefined;
  note?: string | undefined;
}

/** What anyone may see of an organisation (never its private contacts). */
export interface OrgCard {
  id: string;
  name: { th: string; en: string };
  type: OrgType;
  roles: OrgRole[];
  issues: Issue[];
  targetGroups: TargetGroup[];
  description: string;
  home: AreaCodes;
  areasServed: AreaCodes[];
  offers: Resource[];
  needs: Resource[];
  members: number;
  budgetBand: BudgetBand | null;
  networkIds: string[];
  verified: boolean;
  matchingOptIn: boolean;
  grantsReceived: number;
  sample: boolean;
  updatedAt: Date;
  keywords: string[];
  /** Names and description joined, lower-case, for substring search. */
  searchText: string;
}

export interface DirectoryFilters {
  q?: string | undefined;
  role?: OrgRole | undefined;
  type?: OrgType | undefined;
  issue?: Issue | undefined;
  target?: TargetGroup | undefined;
  province?: string | undefined;
  district?: string | undefined;
  offers?: ResourceKind | undefined;
  needs?: ResourceKind | undefined;
  verified?: boolean | undefined;
  network?: string | undefined;
}

export const DIRECTORY_SORTS = ['name', 'updated', 'members'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

/**
 * Filters the map; a query also reads the tags' labels in both languages (`labels`, from the catalogues by default).
 */
export function filterDirectory(
  cards: readonly OrgCard[],
  f: DirectoryFilters,
  labels: readonly TagLabel[] = searchLabels(),
): OrgCard[] {
  const matches = f.q ? queryMatcher(f.q, labels) : undefined;
  return cards.filter(
    (c) =>
      (!f.role || c.roles.includes(f.role)) &&
      (!f.type || c.type === f.type) &&
      (!f.issue || c.issues.includes(f.issue)) &&
      (!f.target || c.targetGroups.includes(f.target)) &&
      (!f.province ||
        c.home.provinceCode === f.province ||
        c.areasServed.some((a) => a.provinceCode === f.province && !a.districtCode)) &&
      (!f.district || c.home.districtCode === f.district || c.areasServed.some((a) => a.districtCode === f.district)) &&
      (!f.offers || c.offers.some((o) => o.kind === f.offers)) &&
      (!f.needs || c.needs.some((n) => n.kind === f.needs)) &&
      (f.verified === undefined || c.verified === f.verified) &&
      (!f.network || c.networkIds.includes(f.network)) &&
      (!matches || matches(c)),
  );
}

const collators = { th: new Intl.Collator('th'), en: new Intl.Collator('en') };

/** Sorted in Thai alphabetical order by name (ก before ข …), newest first, or largest first. */
export function sortDirectory(cards: readonly OrgCard[], sort: DirectorySort, locale: 'th' | 'en'): OrgCard[] {
  const name = (c: OrgCard) => (locale === 'en' ? c.name.en || c.name.th : c.name.th);
  const compare = collators[locale].compare;
  const byName = (a: OrgCard, b: OrgCard) => compare(name(a), name(b));
  const sorted = [...cards];
  if (sort === 'updated') sorted.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || byName(a, b));
  else if (sort === 'members') sorted.sort((a, b) => b.members - a.members || byName(a, b));
  else sorted.sort(byName);
  return sorted;
}

/** What a snapshot's directory reads besides the cards: each order, and the cards of each area. */
interface Prepared {
  /** The whole map in each order (`<sort>:<locale>`), and each card's place in it. */
  orders: Map<string, { sorted: OrgCard[]; rank: Map<OrgCard, number> }>;
  /** The cards a province or district filter keeps (as filterDirectory reads home and areas served). */
  byProvince: Map<string, OrgCard[]>;
  byDistrict: Map<string, OrgCard[]>;
}

// Kept per snapshot: a snapshot array is never changed, only replaced.
const prepared = new WeakMap<readonly OrgCard[], Prepared>();

function preparedOf(cards: readonly OrgCard[]): Prepared {
  let p = prepared.get(cards);
  if (!p) prepared.set(cards, (p = { orders: new Map(), byProvince: new Map(), byDistrict: new Map() }));
  return p;
}

function orderOf(cards: readonly OrgCard[], sort: DirectorySort, locale: 'th' | 'en') {
  const orders = preparedOf(cards).orders;
  const key = `${sort}:${locale}`;
  let order = orders.get(key);
  if (!order) {
    const sorted = sortDirectory(cards, sort, locale);
    orders.set(key, (order = { sorted, rank: new Map(sorted.map((c, i) => [c, i])) }));
  }
  return order;
}

function buildAreas(cards: readonly OrgCard[]): void {
  const { byProvince, byDistrict } = preparedOf(cards);
  const add = (index: Map<string, OrgCard[]>, code: string, card: OrgCard) => {
    const list = index.get(code);
    if (!list) index.set(code, [card]);
    else if (list[list.length - 1] !== card) list.push(card);
  };
  for (const c of cards) {
    add(byProvince, c.home.provinceCode, c);
    if (c.home.districtCode) add(byDistrict, c.home.districtCode, c);
    for (const a of c.areasServed) {
      if (a.districtCode) add(byDistrict, a.districtCode, c);
      else add(byProvince, a.provinceCode, c);
    }
  }
}

/**
 * The directory's work for a new snapshot, as steps the caller runs with a turn of the event loop
 * between them (a Thai sort of 10,000 names is tens of milliseconds): each order in each language,
 * and the area lists.
 */
export function prepareDirectory(cards: readonly OrgCard[]): (() => void)[] {
  const steps: (() => void)[] = [() => buildAreas(cards)];
  for (const sort of DIRECTORY_SORTS)
    for (const locale of ['th', 'en'] as const) steps.push(() => void orderOf(cards, sort, locale));
  return steps;
}

/**
 * The directory's answer: filtered and sorted. The whole map is sorted once per snapshot, order and
 * language (prepareDirectory). A province or district narrows the cards to that area's list first,
 * whose matches are put in order by their place in the sorted map; otherwise the sorted map is
 * filtered in one pass, which keeps its order.
 */
export function searchDirectory(
  cards: readonly OrgCard[],
  f: DirectoryFilters,
  sort: DirectorySort,
  locale: 'th' | 'en',
): OrgCard[] {
  const { sorted, rank } = orderOf(cards, sort, locale);
  const p = preparedOf(cards);
  if (!p.byProvince.size && cards.length) buildAreas(cards);
  const area = f.district ? p.byDistrict.get(f.district) : f.province ? p.byProvince.get(f.province) : undefined;
  if (!f.district && !f.province) return filterDirectory(sorted, f);
  return filterDirectory(area ?? [], f).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}

/** Organisations per province and per district, for the visual view. */
export function countByArea(cards: readonly OrgCard[]): {
  provinces: Map<string, number>;
  districts: Map<string, number>;
} {
  const provinces = new Map<string, number>();
  const districts = new Map<string, number>();
  for (const c of cards) {
    provinces.set(c.home.provinceCode, (provinces.get(c.home.provinceCode) ?? 0) + 1);
    if (c.home.districtCode) districts.set(c.home.districtCode, (districts.get(c.home.districtCode) ?? 0) + 1);
  }
  return { provinces, districts };
}
