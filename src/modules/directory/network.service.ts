/** Networks with their member organisations and totals (read from the in-memory social map). */
import mongoose from 'mongoose';
import { Network } from './network.model.js';
import { socialMap } from './organisation.service.js';
import type { OrgCard } from './social-map.js';
import { LoadingCache } from '../../shared/cache.js';
import { NotFoundError } from '../../shared/errors.js';

export interface NetworkView {
  id: string;
  slug: string;
  name: { th: string; en: string };
  issues: string[];
  provinceCode: string;
  coordinator: { id: string; name: { th: string; en: string } } | null;
  organisationCount: number;
  /** Individual members as the network reports them. */
  individualMembers: number;
  /** The members its organisations report, summed (equal to the above for the Surin data). */
  membersOfOrganisations: number;
  sample: boolean;
}

const networkDocs = new LoadingCache<InstanceType<typeof Network>[]>(10_000);

type Views = { list: NetworkView[]; members: Map<string, OrgCard[]> };

// Built once per pair of snapshots (both are replaced, never changed), not on every page.
let built: { docs: unknown; cards: unknown; views: Views } | undefined;

async function views(): Promise<Views> {
  const [docs, cards] = await Promise.all([
    networkDocs.get('all', () => Network.find().sort({ createdAt: 1 })),
    socialMap(),
  ]);
  if (built?.docs !== docs || built.cards !== cards) built = { docs, cards, views: buildViews(docs, cards) };
  return built.views;
}

function buildViews(docs: InstanceType<typeof Network>[], cards: readonly OrgCard[]): Views {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const members = new Map<string, OrgCard[]>();
  for (const card of cards) {
    for (const id of card.networkIds) {
      const list = members.get(id);
      if (list) list.push(card);
      else members.set(id, [card]);
    }
  }
  const list = docs.map((n) => {
    const id = n._id.toString();
    const orgs = members.get(id) ?? [];
    const coordinator = n.coordinatorOrgId ? byId.get(String(n.coordinatorOrgId)) : undefined;
    return {
      id,
      slug: n.slug,
      name: { th: n.name?.th ?? '', en: n.name?.en ?? '' },
      issues: n.issues ?? [],
      provinceCode: n.provinceCode ?? '',
      coordinator: coordinator ? { id: coordinator.id, name: coordinator.name } : null,
      organisationCount: orgs.length,
      individualMembers: n.individualMembers ?? 0,
      membersOfOrganisations: orgs.reduce((sum, o) => sum + o.members, 0),
      sample: n.sample === true,
    };
  });
  return { list, members };
}

export async function listNetworks(): Promise<NetworkView[]> {
  return (await views()).list;
}

export async function getNetwork(id: string): Promise<{ network: NetworkView; organisations: OrgCard[] }> {
  if (!mongoose.isValidObjectId(id)) throw new NotFoundError('directory.networkNotFound');
  const { list, members } = await views();
  const network = list.find((n) => n.id === id);
  if (!network) throw new NotFoundError('directory.networkNotFound');
  const collator = new Intl.Collator('th');
  return {
    network,
    organisations: [...(members.get(id) ?? [])].sort((a, b) => collator.compare(a.name.th, b.name.th)),
  };
}
