import assert from 'node:assert/strict';
import { scorePair, WEIGHTS } from '../../../../src/modules/directory/matching.js';
import { elderlyClub, foundation, org, university } from './match-fixtures.js';

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
