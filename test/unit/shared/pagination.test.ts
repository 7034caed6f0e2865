import assert from 'node:assert/strict';
import { buildPage, escapeRegExp, pageWindow } from '../../../src/shared/pagination.js';

describe('pagination', () => {
  it('bounds page and size', () => {
    assert.deepEqual(pageWindow(3, 20), { skip: 40, limit: 20 });
    assert.deepEqual(pageWindow(-1, 10_000), { skip: 0, limit: 100 });
    const page = buildPage([1, 2], 45, 3, 20);
    assert.equal(page.pages, 3);
    assert.equal(page.prevPage, 2);
    assert.equal(page.nextPage, null);
    assert.equal(buildPage([], 0, 1, 20).pages, 1);
  });

  it('escapes search text for regular expressions', () => {
    assert.equal(escapeRegExp('a.b*(c)'), 'a\\.b\\*\\(c\\)');
    assert.ok(new RegExp(escapeRegExp('(สมชาย')).test('(สมชาย ใจดี'));
  });
});
