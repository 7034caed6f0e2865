import assert from 'node:assert/strict';
import { scorePair } from '../../../../src/modules/directory/matching.js';
import { explainFactor } from '../../../../src/modules/directory/match-explain.js';
import { elderlyClub, foundation } from './match-fixtures.js';

describe('matching', () => {
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
});
