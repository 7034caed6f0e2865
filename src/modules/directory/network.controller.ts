/** Network pages: the social map with its network graph, the network list and one network, and their open-data API. */
import type { Request, Response } from 'express';
import { geography } from './geography.js';
import { socialMap } from './organisation.service.js';
import { getNetwork, listNetworks } from './network.service.js';
import { networkHistory } from './network-history.service.js';
import { cardView } from './directory.views.js';
import { networkApi, networkTotals, socialMapPage } from './network.views.js';

export function networkController() {
  return {
    map: async (req: Request, res: Response) => {
      const [geo, cards, networks] = await Promise.all([geography(), socialMap(), listNetworks()]);
      res.render('directory/map', socialMapPage(geo, cards, networks, req.locale ?? 'th'));
    },

    networks: async (_req: Request, res: Response) => {
      const networks = await listNetworks();
      res.render('directory/networks', { networks, totals: networkTotals(networks) });
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
      res.json({ data: (await listNetworks()).map(networkApi) });
    },
  };
}
