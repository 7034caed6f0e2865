import assert from 'node:assert/strict';
import { scorePair, WEIGHTS } from '../../../src/modules/directory/matching.js';
import { topMatches } from '../../../src/modules/directory/match-index.js';
import { explainFactor } from '../../../src/modules/directory/match-explain.js';
import type { OrgCard } from '../../../src/modules/directory/social-map.js';
import { renderNetworkGraph } from '../../../src/modules/directory/network-graph.js';
import { toCard } from '../../../src/modules/directory/organisation.service.js';
import { generateOrganisations, geography } from '../../../bench/social-map.js';

function org(id: string, overrides: Partial<OrgCard> = {}): OrgCard {
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

const elderlyClub = org('elderly-club', {
  issues: ['elderly', 'health'],
  targetGroups: ['elderly'],
  needs: [{ kind: 'volunteers' }, { kind: 'money', amountSatang: 50_000_00 }],
});
const foundation = org('foundation', {
  type: 'foundation',
  roles: ['giver'],
  issues: ['elderly', 'education'],
  targetGroups: ['elderly'],
  home: { provinceCode: '90', districtCode: '9011' },
  offers: [{ kind: 'money', amountSatang: 100_000_00 }],
});
const university = org('university', {
  type: 'school_university',
  roles: ['supporter'],
  issues: ['health'],
  home: { provinceCode: '90', districtCode: '9001' },
  offers: [{ kind: 'volunteers', capacity: 40 }, { kind: 'expertise' }],
});

describe('matching', () => {
  it('scores a giver for a recipient from shared issue, shared people, nearness and money that covers the need (hand-checked)', () => {
    const match = scorePair(elderlyClub, foundation);
    assert.ok(match);
    assert.deepEqual(
      match.factors.map((f) => [f.key, f.points]),
      [
        ['sharedIssue', WEIGHTS.sharedIssue],
        ['sharedTarget', WEIGHTS.sharedTarget],
        ['theyOffer', WEIGHTS.offerMeetsNeed],
        ['sameDistrict', WEIGHTS.sameDistrict],
        ['capacityFit', WEIGHTS.capacityFit],
      ],
    );
    assert.equal(match.score, 20 + 10 + 20 + 25 + 10);
  });

  it('explains each factor in Thai and English', () => {
    const match = scorePair(elderlyClub, foundation);
    const th = match?.factors.map((f) => explainFactor(f, 'th'));
    assert.deepEqual(th, [
      'ทำงานด้านผู้สูงอายุเหมือนกัน',
      'ทำงานกับผู้สูงอายุเหมือนกัน',
      'เสนอเงินทุน ตรงกับที่ต้องการ',
      'อยู่ในอำเภอเดียวกัน',
      'ทุนที่ให้ได้ครอบคลุมจำนวนที่ต้องการ',
    ]);
    assert.equal(
      explainFactor({ key: 'theyOffer', params: { resource: 'volunteers' }, points: 20 }, 'th'),
      'เสนออาสาสมัคร ตรงกับที่ต้องการ',
    );
    assert.equal(
      explainFactor({ key: 'sharedIssue', params: { issue: 'elderly' }, points: 20 }, 'en'),
      'Both work on Elderly',
    );
  });

  it('matches a supporter to the recipients whose needs its offers meet, and only those', () => {
    const fromSupporter = scorePair(university, elderlyClub);
    assert.ok(fromSupporter);
    assert.ok(fromSupporter.factors.some((f) => f.key === 'youOffer' && f.params.resource === 'volunteers'));
    const noNeed = org('no-need', { issues: ['health'] });
    assert.equal(scorePair(university, noNeed), null, 'a shared issue alone is not enough for a supporter');
  });

  it('gives a boost to recipients never funded, from a giver’s side', () => {
    const funded = org('funded', { issues: ['elderly'], grantsReceived: 2 });
    const fresh = org('fresh', { issues: ['elderly'] });
    const a = scorePair(foundation, funded);
    const b = scorePair(foundation, fresh);
    assert.equal((b?.score ?? 0) - (a?.score ?? 0), WEIGHTS.neverFunded);
    assert.ok(b?.factors.some((f) => f.key === 'neverFunded'));
  });

  it('finds no match without any overlap, even next door', () => {
    const neighbour = org('neighbour', { roles: ['giver'], issues: ['media'] });
    assert.equal(scorePair(elderlyClub, neighbour), null);
  });

  it('never matches an organisation with itself, one in the same role only, or one that opted out', () => {
    assert.equal(scorePair(elderlyClub, elderlyClub), null);
    assert.equal(scorePair(elderlyClub, org('other-recipient', { issues: ['elderly'] })), null, 'two recipients');
    assert.equal(scorePair(elderlyClub, { ...foundation, matchingOptIn: false }), null);
  });

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

  it('counts an area served like a home address', () => {
    const serving = org('serving', {
      roles: ['giver'],
      issues: ['elderly'],
      home: { provinceCode: '10' },
      areasServed: [{ provinceCode: '90', districtCode: '9011' }],
    });
    assert.ok(scorePair(elderlyClub, serving)?.factors.some((f) => f.key === 'sameDistrict'));
  });
});

describe('network graph', () => {
  it('draws one hub per network and one dot per member, with every label escaped', () => {
    const svg = renderNetworkGraph(
      [
        { id: 'n1', label: 'เครือข่าย <A>', coordinatorId: 'c', memberIds: ['a', 'b'] },
        { id: 'n2', label: 'Network "B"', coordinatorId: 'c', memberIds: ['b', 'missing'] },
      ],
      [
        { id: 'a', label: 'กลุ่ม & ชมรม' },
        { id: 'b', label: 'b' },
        { id: 'c', label: 'สมาคม' },
      ],
      'graph',
    );
    assert.equal((svg.match(/class="network"/g) ?? []).length, 2);
    assert.equal((svg.match(/class="org"/g) ?? []).length, 3, 'b twice (in two networks), missing ids skipped');
    assert.equal((svg.match(/class="coordinator"/g) ?? []).length, 1);
    assert.match(svg, /เครือข่าย &lt;A&gt;/);
    assert.match(svg, /Network &quot;B&quot;/);
    assert.match(svg, /กลุ่ม &amp; ชมรม/);
    assert.doesNotMatch(svg, /<A>|<script/);
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
