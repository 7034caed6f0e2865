import assert from 'node:assert/strict';
import { keywordsOf } from '../../../../src/modules/directory/keywords.js';
import {
  filterDirectory,
  searchDirectory,
  sortDirectory,
  type OrgCard,
} from '../../../../src/modules/directory/social-map.js';

function card(overrides: Partial<OrgCard> & { th: string }): OrgCard {
  const { th, ...rest } = overrides;
  const base: OrgCard = {
    id: th,
    name: { th, en: '' },
    type: 'community_group',
    roles: ['recipient'],
    issues: [],
    targetGroups: [],
    description: '',
    home: { provinceCode: '90' },
    areasServed: [],
    offers: [],
    needs: [],
    members: 0,
    budgetBand: null,
    networkIds: [],
    verified: false,
    matchingOptIn: true,
    grantsReceived: 0,
    sample: false,
    updatedAt: new Date(0),
    keywords: keywordsOf(th),
    searchText: th,
  };
  return { ...base, ...rest };
}

describe('directory filters and Thai sorting', () => {
  const cards = [
    card({ th: 'ชมรมผู้สูงอายุ', issues: ['elderly'], home: { provinceCode: '32', districtCode: '3201' }, verified: true }),
    card({
      th: 'กลุ่มเยาวชน',
      issues: ['children_youth'],
      roles: ['recipient'],
      needs: [{ kind: 'training' }],
      members: 50,
    }),
    card({
      th: 'ขอนแก่นมูลนิธิ',
      type: 'foundation',
      roles: ['giver'],
      offers: [{ kind: 'money', amountSatang: 100_000_00 }],
      areasServed: [{ provinceCode: '32' }],
    }),
  ];
  it('filters by role, issue, area, offers, needs and verified', () => {
    assert.deepEqual(
      filterDirectory(cards, { role: 'giver' }).map((c) => c.id),
      ['ขอนแก่นมูลนิธิ'],
    );
    assert.deepEqual(
      filterDirectory(cards, { issue: 'elderly' }).map((c) => c.id),
      ['ชมรมผู้สูงอายุ'],
    );
    assert.deepEqual(
      filterDirectory(cards, { province: '32' })
        .map((c) => c.id)
        .sort(),
      ['ขอนแก่นมูลนิธิ', 'ชมรมผู้สูงอายุ'].sort(),
      'home or area served',
    );
    assert.deepEqual(
      filterDirectory(cards, { district: '3201' }).map((c) => c.id),
      ['ชมรมผู้สูงอายุ'],
    );
    assert.deepEqual(
      filterDirectory(cards, { offers: 'money' }).map((c) => c.id),
      ['ขอนแก่นมูลนิธิ'],
    );
    assert.deepEqual(
      filterDirectory(cards, { needs: 'training' }).map((c) => c.id),
      ['กลุ่มเยาวชน'],
    );
    assert.deepEqual(
      filterDirectory(cards, { verified: true }).map((c) => c.id),
      ['ชมรมผู้สูงอายุ'],
    );
    assert.equal(filterDirectory(cards, { q: 'เยาวชน' }).length, 1);
  });
  it('sorts names in Thai alphabetical order (ก, ข, ช)', () => {
    assert.deepEqual(
      sortDirectory([...cards], 'name', 'th').map((c) => c.name.th),
      ['กลุ่มเยาวชน', 'ขอนแก่นมูลนิธิ', 'ชมรมผู้สูงอายุ'],
    );
    assert.deepEqual(sortDirectory([...cards], 'members', 'th')[0]?.name.th, 'กลุ่มเยาวชน');
  });
  it('answers a search from the map sorted once per order, the same as filtering then sorting', () => {
    const filters = [
      {},
      { province: '32' },
      { province: '90', q: 'ชมรม' },
      { district: '3201' },
      { province: '32', district: '3201' },
      { province: '99' },
      { role: 'recipient' as const },
      { q: 'ชมรม' },
    ];
    for (const f of filters) {
      for (const sort of ['name', 'members', 'updated'] as const) {
        for (const locale of ['th', 'en'] as const) {
          assert.deepEqual(
            searchDirectory(cards, f, sort, locale),
            sortDirectory(filterDirectory(cards, f), sort, locale),
            `${JSON.stringify(f)} ${sort} ${locale}`,
          );
        }
      }
    }
    // A new snapshot (a reload after a write) is sorted afresh, not served from the old order.
    const renamed = [...cards, card({ th: 'กกกลุ่มใหม่' })];
    assert.equal(searchDirectory(renamed, {}, 'name', 'th')[0]?.name.th, 'กกกลุ่มใหม่');
    assert.equal(searchDirectory(cards, {}, 'name', 'th')[0]?.name.th, 'กลุ่มเยาวชน');
  });
});
