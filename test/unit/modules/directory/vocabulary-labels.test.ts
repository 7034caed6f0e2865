import assert from 'node:assert/strict';
import { searchLabels } from '../../../../src/modules/directory/vocabulary-labels.js';

describe('directory search through the vocabulary’s labels in both languages', () => {
  it('reads every issue and target group’s labels from the catalogues, Thai and English', () => {
    const all = searchLabels();
    const elderlyIssue = all.find((l) => l.list === 'issues' && l.value === 'elderly');
    assert.ok(elderlyIssue?.keywords.includes('elderly'));
    assert.ok(elderlyIssue?.joined.includes('ผู้สูงอายุ'));
    assert.ok(all.some((l) => l.list === 'targetGroups' && l.value === 'elderly' && l.keywords.includes('older')));
  });
});
