/** An organisation's public card (social-map.ts) from its stored document: what anyone may see of it. */
import type { OrganisationFields } from './organisation.model.js';
import type { AreaCodes, OrgCard, Resource } from './social-map.js';
import type { BudgetBand, Issue, OrgRole, OrgType, TargetGroup } from './vocabulary.js';

const area = (
  a: { provinceCode?: string | null; districtCode?: string | null; subDistrictCode?: string | null } | null | undefined,
): AreaCodes => ({
  provinceCode: a?.provinceCode ?? '',
  districtCode: a?.districtCode ?? undefined,
  subDistrictCode: a?.subDistrictCode ?? undefined,
});

const resource = (r: {
  kind: string;
  amountSatang?: number | null;
  capacity?: number | null;
  note?: string | null;
}): Resource => ({
  kind: r.kind as Resource['kind'],
  amountSatang: r.amountSatang ?? undefined,
  capacity: r.capacity ?? undefined,
  note: r.note ?? undefined,
});

export type LeanOrg = OrganisationFields;

export function toCard(o: LeanOrg): OrgCard {
  const name = { th: o.name?.th ?? '', en: o.name?.en ?? '' };
  return {
    id: String(o._id),
    name,
    type: o.type as OrgType,
    roles: (o.roles ?? []) as OrgRole[],
    issues: (o.issues ?? []) as Issue[],
    targetGroups: (o.targetGroups ?? []) as TargetGroup[],
    description: o.description ?? '',
    home: area(o.home),
    areasServed: (o.areasServed ?? []).map(area),
    offers: (o.offers ?? []).map(resource),
    needs: (o.needs ?? []).map(resource),
    members: o.members ?? 0,
    budgetBand: (o.budgetBand ?? null) as BudgetBand | null,
    networkIds: (o.networkIds ?? []).map(String),
    verified: o.verified === true,
    matchingOptIn: o.matchingOptIn !== false,
    grantsReceived: o.grantsReceived ?? 0,
    sample: o.sample === true,
    updatedAt: (o as { updatedAt?: Date }).updatedAt ?? new Date(0),
    keywords: o.keywords ?? [],
    searchText: `${name.th} ${name.en} ${o.description ?? ''}`.toLowerCase().replace(/\s+/g, ''),
  };
}
