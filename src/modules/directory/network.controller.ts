/** Network pages: the social map with its network graph, the network list and one network, and their open-data API. */
import type { Request, Response } from 'express';
import { geography } from './geography.js';
import { socialMap } from './organisation.service.js';
import { countByArea } from './social-map.js';
import { getNetwork, listNetworks } from './network.service.js';
import { networkHistory } from './network-history.service.js';
import { renderNetworkGraph } from './network-graph.js';
import { translate } from '../../shared/i18n/index.js';
import { cardView } from './directory.views.js';

export function networkController() {
  return {
    map: async (req: Request, res: Response) => {
      const [geo, cards, networks] = await Promise.all([geography(), socialMap(), listNetworks()]);
      const locale = req.locale ?? 'th';
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
        label: locale === 'en' ? n.name.en || n.name.th : n.name.th,
        coordinatorId: n.coordinator?.id ?? null,
        memberIds: cards.filter((c) => c.networkIds.includes(n.id)).map((c) => c.id),
      }));
      const graphOrgs = cards
        .filter((c) => c.networkIds.length > 0 || networks.some((n) => n.coordinator?.id === c.id))
        .map((c) => ({ id: c.id, label: locale === 'en' ? c.name.en || c.name.th : c.name.th }));
      res.render('directory/map', {
        // `share`, not `percent`: a property named like a view helper is shadowed by the helper (bars were all 0).
        provinces: provinces.map((p) => ({ ...p, share: Math.round((p.organisations / max) * 100) })),
        total: cards.length,
        networks,
        graph: networks.length
          ? renderNetworkGraph(graphNetworks, graphOrgs, translate(locale, 'directory.graphTitle'))
          : '',
      });
    },

    networks: async (_req: Request, res: Response) => {
      const networks = await listNetworks();
      res.render('directory/networks', {
        networks,
        totals: {
          organisations: networks.reduce((s, n) => s + n.organisationCount, 0),
          members: networks.reduce((s, n) => s + n.individualMembers, 0),
        },
      });
    },

    network: async (req: Request, res: Response) => {
      const { network, organisations } = await getNetwork(String(req.params.id));
      const geo = await geography();
      const locale = req.locale ?? 'th';
      const history = res.locals.isStaff ? await networkHistory(req.user, network.id) : [];
      res.render('directory/network', {
        network,
        organisations: organisations.map((c) => cardView(geo, c, locale)),
        history,
      });
    },

    apiNetworks: async (_req: Request, res: Response) => {
      const networks = await listNetworks();
      res.json({
        data: networks.map((n) => ({
          id: n.id,
          slug: n.slug,
          name: n.name,
          issues: n.issues,
          provinceCode: n.provinceCode,
          coordinator: n.coordinator,
          organisationCount: n.organisationCount,
          individualMembers: n.individualMembers,
          sample: n.sample,
        })),
      });
    },
  };
}
