import assert from 'node:assert/strict';
import { geography, isConsistentArea, areaLabel, regionOfProvince } from '../../../src/modules/directory/geography.js';
import { keywordsOf, matchesQuery, words } from '../../../src/modules/directory/keywords.js';
import {
  filterDirectory,
  searchDirectory,
  sortDirectory,
  type OrgCard,
} from '../../../src/modules/directory/social-map.js';
import { SURIN_NETWORKS, splitTotal } from '../../../seeds/surin.data.js';

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

describe('Thai geography', function () {
  this.timeout(30_000);
  it('has all 77 provinces, 928 districts and every sub-district once, with Thai and English names', async () => {
    const geo = await geography();
    assert.equal(geo.provinces.length, 77);
    assert.equal(geo.districts.length, 928);
    assert.ok(geo.subDistricts.length > 7_000, `${geo.subDistricts.length} sub-districts`);
    assert.equal(new Set(geo.provinces.map((p) => p.code)).size, 77);
    assert.equal(new Set(geo.districts.map((d) => d.code)).size, 928, 'no duplicate district codes');
    assert.equal(
      new Set(geo.subDistricts.map((s) => s.code)).size,
      geo.subDistricts.length,
      'no duplicate sub-district codes',
    );
    for (const d of geo.districts) assert.ok(geo.subDistrictsOf(d.code).length > 0, `${d.th} has sub-districts`);
    for (const p of geo.provinces) assert.ok(p.th && p.en, p.code);
    assert.equal(geo.province('32')?.th, 'สุรินทร์');
    assert.equal(geo.province('90')?.en, 'Songkhla');
    assert.equal(geo.districtsOf('32').length, 17);
    assert.ok(geo.districtsOf('90').some((d) => d.th === 'หาดใหญ่'));
  });

  it('lists places in Thai alphabetical order', async () => {
    const geo = await geography();
    const names = geo.provinces.map((p) => p.th);
    assert.equal(names[0], 'กระบี่');
    assert.deepEqual(names, [...names].sort(new Intl.Collator('th').compare));
  });

  it('checks that a district and sub-district belong to the province', async () => {
    const geo = await geography();
    const hatYai = geo.districtsOf('90').find((d) => d.th === 'หาดใหญ่');
    assert.ok(hatYai);
    const sub = geo.subDistrictsOf(hatYai.code)[0];
    assert.ok(isConsistentArea(geo, { provinceCode: '90', districtCode: hatYai.code, subDistrictCode: sub?.code }));
    assert.equal(isConsistentArea(geo, { provinceCode: '32', districtCode: hatYai.code }), false);
    assert.equal(isConsistentArea(geo, { provinceCode: '99' }), false);
    assert.equal(
      isConsistentArea(geo, { provinceCode: '90', subDistrictCode: sub?.code }),
      false,
      'a sub-district needs its district',
    );
    assert.match(areaLabel(geo, { provinceCode: '90', districtCode: hatYai.code }, 'th'), /^อ\.หาดใหญ่ จ\.สงขลา$/);
    assert.equal(regionOfProvince('90'), 'south');
    assert.equal(regionOfProvince('32'), 'northeast');
  });
});

describe('Thai word search', () => {
  it('splits Thai text into words without spaces', () => {
    const found = words('ชมรมผู้สูงอายุบ้านตากลาง');
    assert.deepEqual(found.slice(0, 4), ['ชมรม', 'ผู้', 'สูง', 'อายุ']);
    assert.equal(found.join(''), 'ชมรมผู้สูงอายุบ้านตากลาง');
    assert.deepEqual(words('Community Foundation, Hat Yai'), ['community', 'foundation', 'hat', 'yai']);
  });
  it('finds words, word beginnings and phrases, in any order', () => {
    const keys = keywordsOf('ชมรมผู้สูงอายุบ้านตากลาง', 'Ban Ta Klang Elderly Club');
    const joined = 'ชมรมผู้สูงอายุบ้านตากลางbantaklangelderlyclub';
    assert.ok(matchesQuery(keys, joined, 'ผู้สูงอายุ'));
    assert.ok(matchesQuery(keys, joined, 'ตากลาง ชมรม'));
    assert.ok(matchesQuery(keys, joined, 'ผู้สูง'));
    assert.ok(matchesQuery(keys, joined, 'elderly'));
    assert.ok(matchesQuery(keys, joined, 'ELDER'));
    assert.equal(matchesQuery(keys, joined, 'เยาวชน'), false);
    assert.equal(matchesQuery(keys, joined, 'ผู้สูงอายุ เยาวชน'), false);
  });
});

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
    const filters = [{}, { province: '32' }, { role: 'recipient' as const }, { q: 'ชมรม' }];
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

describe('the Surin data set', () => {
  it('has the table’s 10 networks, 177 organisations and 23,403 members, and splits totals exactly', () => {
    assert.equal(SURIN_NETWORKS.length, 10);
    assert.equal(
      SURIN_NETWORKS.reduce((s, n) => s + n.organisations, 0),
      177,
    );
    assert.equal(
      SURIN_NETWORKS.reduce((s, n) => s + n.members, 0),
      23_403,
    );
    for (const n of SURIN_NETWORKS)
      assert.equal(
        splitTotal(n.members, n.organisations).reduce((a, b) => a + b, 0),
        n.members,
      );
    assert.deepEqual(splitTotal(10, 3), [4, 3, 3]);
  });
});
