import assert from 'node:assert/strict';
import { scorePair } from '../../../../src/modules/directory/matching.js';
import { topMatches } from '../../../../src/modules/directory/match-index.js';
import type { OrgCard } from '../../../../src/modules/directory/social-map.js';
import { toCard } from '../../../../src/modules/directory/organisation.service.js';
import { generateOrganisations, geography } from '../../../../bench/social-map.js';
import { elderlyClub, org } from './match-fixtures.js';

describe('matching', () => {
  it('ranks by nearness when everything else is equal: sub-district > district > province > region > far', () => {
    const at = (id: string, home: OrgCard['home']) => org(id, { roles: ['giver'], issues: ['elderly'], home });
    const cards = [
      at('far', { provinceCode: '50' }),
      at('region', { provinceCode: '91' }),
      at('province', { provinceCode: '90', districtCode: '9001' }),
      at('district', { provinceCode: '90', districtCode: '9011', subDistrictCode: '901105' }),
      at('sub-district', { provinceCode: '90', districtCode: '9011', subDistrictCode: '901101' }),
    ];
    assert.deepEqual(
      topMatches(elderlyClub, cards, 10).map((m) => m.candidateId),
      ['sub-district', 'district', 'province', 'region', 'far'],
    );
    assert.deepEqual(
      topMatches(elderlyClub, cards, 2).map((m) => m.candidateId),
      ['sub-district', 'district'],
      'keeps only the best',
    );
    assert.deepEqual(
      topMatches(elderlyClub, cards, 10, new Set(['district'])).map((m) => m.candidateId),
      ['sub-district', 'province', 'region', 'far'],
      'hidden ones are left out',
    );
  });
});

describe('matching over the packed index', () => {
  it('ranks exactly as scoring each pair one by one', async function () {
    this.timeout(30_000);
    const geo = await geography();
    const cards = generateOrganisations(geo, 0, 600).map((d) => toCard(d as never));
    for (const me of cards.slice(0, 60)) {
      const slow = cards
        .map((other) => scorePair(me, other))
        .filter((m): m is NonNullable<typeof m> => m !== null)
        .sort((a, b) => b.score - a.score);
      const fast = topMatches(me, cards, 20);
      assert.deepEqual(
        fast.map((m) => m.score),
        slow.slice(0, 20).map((m) => m.score),
        me.id,
      );
      for (const m of fast)
        assert.equal(
          m.score,
          m.factors.reduce((s, f) => s + f.points, 0),
        );
    }
  });
});
