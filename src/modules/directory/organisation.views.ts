/**
 * What the organisation pages show besides the service's data: the directory's page and filters,
 * a profile's place names and networks, the organisation form's lists and its values for editing,
 * and the open-data shape of an organisation.
 */
import type { z } from 'zod';
import { buildPage } from '../../shared/pagination.js';
import { satangToInput, type Locale } from '../../shared/money.js';
import { REGIONS, areaLabel, geography, type Geography } from './geography.js';
import type { directoryQuerySchema } from './directory.schemas.js';
import type { OrganisationDetail } from './organisation.service.js';
import { listNetworks, type NetworkView } from './network.service.js';
import type { OrgCard } from './social-map.js';
import { cardView, choices, vocabulary } from './directory.views.js';

type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** The asked page of a search's results. */
export function pageOf<T>(found: readonly T[], query: { page: number; perPage: number }): T[] {
  const start = (query.page - 1) * query.perPage;
  return found.slice(start, start + query.perPage);
}

/**
 * The directory page: one page of cards, the filters as chosen, and the link base for the other
 * pages (every filter given, without the page and the language).
 */
export function directoryPage(
  geo: Geography,
  found: readonly OrgCard[],
  networks: readonly NetworkView[],
  query: DirectoryQuery,
  given: Record<string, unknown>,
  locale: Locale,
) {
  const page = buildPage(
    pageOf(found, query).map((c) => cardView(geo, c, locale)),
    found.length,
    query.page,
    query.perPage,
  );
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(given))
    if (typeof value === 'string' && value !== '' && key !== 'page' && key !== 'lang') params.set(key, value);
  return {
    page,
    query: { ...query, verified: query.verified === true ? 'yes' : query.verified === false ? 'no' : '' },
    vocabulary,
    choices: {
      role: choices(locale, 'role', vocabulary.roles, query.role),
      issue: choices(locale, 'issue', vocabulary.issues, query.issue),
      target: choices(locale, 'target', vocabulary.targets, query.target),
      offers: choices(locale, 'resource', vocabulary.resources, query.offers),
      needs: choices(locale, 'resource', vocabulary.resources, query.needs),
    },
    provinces: geo.provinces,
    districts: query.province ? geo.districtsOf(query.province) : [],
    networks,
    pageBase: `/directory?${params.toString()}${params.size ? '&' : ''}`,
    filtered: [...params.keys()].some((k) => k !== 'q' && k !== 'sort'),
  };
}

/** A profile's places named in the reader's language, and the networks it belongs to or coordinates. */
export function profileView(geo: Geography, org: OrganisationDetail, networks: readonly NetworkView[], locale: Locale) {
  return {
    org: {
      ...org,
      homeLabel: areaLabel(geo, org.home, locale),
      areaLabels: org.areasServed.map((a) => areaLabel(geo, a, locale)),
    },
    networks: networks.filter((n) => org.networkIds.includes(n.id) || n.coordinator?.id === org.id),
  };
}

/** Everything the organisation form shows: vocabularies and the place lists for the chosen area. */
export async function organisationFormLocals(values: Record<string, unknown>) {
  const geo = await geography();
  const province = typeof values.provinceCode === 'string' ? values.provinceCode : '';
  const district = typeof values.districtCode === 'string' ? values.districtCode : '';
  const districts = province ? geo.districtsOf(province) : [];
  const option = (value: string, name: { th: string; en: string }) => ({ value, name });
  return {
    vocabulary,
    provinces: geo.provinces,
    districts,
    subDistricts: district && geo.district(district)?.provinceCode === province ? geo.subDistrictsOf(district) : [],
    // Checkbox groups, not multi-selects (which ask phone users to hold Ctrl): provinces by region.
    provinceRegions: REGIONS.map((region) => ({
      region,
      provinces: geo.provinces.filter((p) => p.region === region).map((p) => option(p.code, { th: p.th, en: p.en })),
    })),
    districtOptions: districts.map((d) => option(d.code, { th: d.th, en: d.en })),
    networkOptions: (await listNetworks()).map((n) => option(n.id, n.name)),
  };
}

/** The form's values from an organisation, for editing. */
export function organisationFormValues(org: OrganisationDetail): Record<string, unknown> {
  const money = (list: OrganisationDetail['offers']) => list.find((r) => r.kind === 'money')?.amountSatang;
  const volunteers = (list: OrganisationDetail['offers']) => list.find((r) => r.kind === 'volunteers')?.capacity;
  return {
    nameTh: org.name.th,
    nameEn: org.name.en,
    type: org.type,
    roles: org.roles,
    issues: org.issues,
    targetGroups: org.targetGroups,
    description: org.description,
    provinceCode: org.home.provinceCode,
    districtCode: org.home.districtCode ?? '',
    subDistrictCode: org.home.subDistrictCode ?? '',
    servedProvinces: org.areasServed.filter((a) => !a.districtCode).map((a) => a.provinceCode),
    servedDistricts: org.areasServed.filter((a) => a.districtCode).map((a) => a.districtCode),
    offers: org.offers.map((r) => r.kind),
    offerMoney: money(org.offers) ? satangToInput(money(org.offers)) : '',
    offerVolunteers: volunteers(org.offers) ? String(volunteers(org.offers)) : '',
    offerNote: org.offers.find((r) => r.note)?.note ?? '',
    needs: org.needs.map((r) => r.kind),
    needMoney: money(org.needs) ? satangToInput(money(org.needs)) : '',
    needVolunteers: volunteers(org.needs) ? String(volunteers(org.needs)) : '',
    needNote: org.needs.find((r) => r.note)?.note ?? '',
    members: org.members ? String(org.members) : '',
    budgetBand: org.budgetBand ?? '',
    registrationNumber: org.registration.number,
    registeredWith: org.registration.registeredWith,
    publicPhone: org.publicContact.phone ?? '',
    publicEmail: org.publicContact.email ?? '',
    website: org.publicContact.website ?? '',
    publicAddress: org.publicContact.address ?? '',
    contactPerson: org.privateContact?.person ?? '',
    privatePhone: org.privateContact?.phone ?? '',
    privateEmail: org.privateContact?.email ?? '',
    networkIds: org.networkIds,
    matchingOptIn: org.matchingOptIn,
  };
}

/** The open-data shape of an organisation: public fields only. */
export function organisationApi(geo: Geography, card: OrgCard) {
  return {
    id: card.id,
    name: card.name,
    type: card.type,
    roles: card.roles,
    issues: card.issues,
    targetGroups: card.targetGroups,
    description: card.description,
    home: { ...card.home, label: { th: areaLabel(geo, card.home, 'th'), en: areaLabel(geo, card.home, 'en') } },
    areasServed: card.areasServed,
    offers: card.offers,
    needs: card.needs,
    members: card.members,
    budgetBand: card.budgetBand,
    networkIds: card.networkIds,
    verified: card.verified,
    sample: card.sample,
    updatedAt: card.updatedAt,
  };
}
