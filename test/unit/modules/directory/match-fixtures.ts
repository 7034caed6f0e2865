/** Organisation cards the matching tests share (pure data, no database). */
import { type OrgCard } from '../../../../src/modules/directory/social-map.js';

export function org(id: string, overrides: Partial<OrgCard> = {}): OrgCard {
  return {
    id,
    name: { th: id, en: id },
    type: 'community_group',
    roles: ['recipient'],
    issues: [],
    targetGroups: [],
    description: '',
    home: { provinceCode: '90', districtCode: '9011', subDistrictCode: '901101' },
    areasServed: [],
    offers: [],
    needs: [],
    members: 10,
    budgetBand: null,
    networkIds: [],
    verified: false,
    matchingOptIn: true,
    grantsReceived: 0,
    sample: false,
    updatedAt: new Date(0),
    keywords: [],
    searchText: id,
    ...overrides,
  };
}

export const elderlyClub = org('elderly-club', {
  issues: ['elderly', 'health'],
  targetGroups: ['elderly'],
  needs: [{ kind: 'volunteers' }, { kind: 'money', amountSatang: 50_000_00 }],
});
export const foundation = org('foundation', {
  type: 'foundation',
  roles: ['giver'],
  issues: ['elderly', 'education'],
  targetGroups: ['elderly'],
  home: { provinceCode: '90', districtCode: '9011' },
  offers: [{ kind: 'money', amountSatang: 100_000_00 }],
});
export const university = org('university', {
  type: 'school_university',
  roles: ['supporter'],
  issues: ['health'],
  home: { provinceCode: '90', districtCode: '9001' },
  offers: [{ kind: 'volunteers', capacity: 40 }, { kind: 'expertise' }],
});
