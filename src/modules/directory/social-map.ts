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

// The whole map in each order, kept per snapshot: a snapshot array is never changed, only replaced.
const orders = new WeakMap<readonly OrgCard[], Map<string, OrgCard[]>>();

/**
 * The directory's answer: filtered and sorted. Filtering keeps order, so the whole map is sorted
 * once per snapshot, order and language, and each request only filters (10,000 organisations:
 * a few milliseconds rather than a sort per request).
 */
export function searchDirectory(
  cards: readonly OrgCard[],
  f: DirectoryFilters,
  sort: DirectorySort,
  locale: 'th' | 'en',
): OrgCard[] {
  let byOrder = orders.get(cards);
  if (!byOrder) orders.set(cards, (byOrder = new Map()));
  const key = `${sort}:${locale}`;
  let sorted = byOrder.get(key);
  if (!sorted) byOrder.set(key, (sorted = sortDirectory(cards, sort, locale)));
  return filterDirectory(sorted, f);
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
