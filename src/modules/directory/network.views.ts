/** What the social map and the network pages show: organisations by province, the network graph, totals, open data. */
import { translate } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/money.js';
import type { Geography } from './geography.js';
import type { NetworkView } from './network.service.js';
import { renderNetworkGraph } from './network-graph.js';
import { countByArea, type OrgCard } from './social-map.js';

/** A name in the reader's language; Thai when there is no English. */
const nameIn = (name: { th: string; en: string }, locale: Locale) => (locale === 'en' ? name.en || name.th : name.th);

/** The social map: provinces by how many organisations are there, and the networks drawn as a graph. */
export function socialMapPage(
  geo: Geography,
  cards: readonly OrgCard[],
  networks: readonly NetworkView[],
  locale: Locale,
) {
  const counts = countByArea(cards);
  const provinces = geo.provinces
    .map((p) => ({
      code: p.code,
      name: { th: p.th, en: p.en },
      region: p.region,
      organisations: counts.provinces.get(p.code) ?? 0,
    }))
    .filter((p) => p.organisations > 0)
    .sort((a, b) => b.organisations - a.organisations);
  const max = Math.max(1, ...provinces.map((p) => p.organisations));
  const graphNetworks = networks.map((n) => ({
    id: n.id,
    label: nameIn(n.name, locale),
    coordinatorId: n.coordinator?.id ?? null,
    memberIds: cards.filter((c) => c.networkIds.includes(n.id)).map((c) => c.id),
  }));
  const graphOrgs = cards
    .filter((c) => c.networkIds.length > 0 || networks.some((n) => n.coordinator?.id === c.id))
    .map((c) => ({ id: c.id, label: nameIn(c.name, locale) }));
  return {
    // `share`, not `percent`: a property named like a view helper is shadowed by the helper (bars were all 0).
    provinces: provinces.map((p) => ({ ...p, share: Math.round((p.organisations / max) * 100) })),
    total: cards.length,
    networks,
    graph: networks.length
      ? renderNetworkGraph(graphNetworks, graphOrgs, translate(locale, 'directory.graphTitle'))
      : '',
  };
}

/** The networks page's totals: organisations and individual members over all networks. */
export function networkTotals(networks: readonly NetworkView[]) {
  return {
    organisations: networks.reduce((s, n) => s + n.organisationCount, 0),
    members: networks.reduce((s, n) => s + n.individualMembers, 0),
  };
}

/** The open-data shape of a network. */
export function networkApi(n: NetworkView) {
  return {
    id: n.id,
    slug: n.slug,
    name: n.name,
    issues: n.issues,
    provinceCode: n.provinceCode,
    coordinator: n.coordinator,
    organisationCount: n.organisationCount,
    individualMembers: n.individualMembers,
    sample: n.sample,
  };
}
