import assert from 'node:assert/strict';
import { keywordsOf, matchesQuery, queryMatcher, tagLabel, words } from '../../../../src/modules/directory/keywords.js';

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

const labels = [
  tagLabel('issues', 'elderly', ['ผู้สูงอายุ', 'Elderly']),
  tagLabel('issues', 'children_youth', ['เด็กและเยาวชน', 'Children and youth']),
  tagLabel('targetGroups', 'elderly', ['ผู้สูงอายุ', 'Older people']),
  tagLabel('targetGroups', 'people_with_disabilities', ['คนพิการ', 'People with disabilities']),
];

const org = (th: string, tags: { issues?: string[]; targetGroups?: string[] } = {}) => ({
  keywords: keywordsOf(th),
  searchText: th.replace(/\s+/g, ''),
  issues: tags.issues ?? [],
  targetGroups: tags.targetGroups ?? [],
});

describe('directory search through the vocabulary’s labels in both languages', () => {
  const club = org('ชมรมบ้านตากลาง', { issues: ['elderly'] });
  const carers = org('กลุ่มอาสาดูแลบ้านโคกเมือง', { targetGroups: ['elderly'] });
  const youth = org('สภาเด็กตำบลนอกเมือง', { issues: ['children_youth'] });
  const plain = org('กลุ่มออมทรัพย์บ้านนา');

  it('finds an organisation by the English word for its Thai-tagged issue or target group', () => {
    const elderly = queryMatcher('elderly', labels);
    assert.deepEqual([club, carers, youth, plain].map(elderly), [true, false, false, false]);
    const older = queryMatcher('Older people', labels);
    assert.deepEqual([club, carers, youth, plain].map(older), [false, true, false, false]);
    assert.ok(queryMatcher('elder', labels)(club), 'the start of a label’s word');
    assert.ok(queryMatcher('youth', labels)(youth));
  });

  it('finds by the Thai label too, and needs every word of the query', () => {
    assert.ok(queryMatcher('ผู้สูงอายุ', labels)(club), 'tagged, though the name does not say it');
    assert.ok(queryMatcher('ผู้สูงอายุ', labels)(carers));
    assert.ok(queryMatcher('elderly ตากลาง', labels)(club), 'one word from the tag, one from the name');
    assert.equal(queryMatcher('elderly นอกเมือง', labels)(club), false);
    assert.equal(queryMatcher('youth', labels)(club), false);
  });

  it('does not tie joining words (“and”) to a tag', () => {
    assert.equal(queryMatcher('and', labels)(youth), false);
    assert.equal(queryMatcher('และ', labels)(youth), false);
  });
});
