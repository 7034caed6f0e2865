import assert from 'node:assert/strict';
import pageTitle, { titleFromHtml } from '../../../../../src/shared/views/helpers/page-title.js';

describe('page title', () => {
  it('names the page by its first heading, then the foundation', () => {
    const body = '<p>x</p><h1 class="a">ทุน <span>การศึกษา</span> &amp; เยาวชน</h1><h1>second</h1>';
    assert.equal(pageTitle(body, undefined, 'มูลนิธิชุมชนสงขลา'), 'ทุน การศึกษา & เยาวชน · มูลนิธิชุมชนสงขลา');
  });

  it('prefers an explicit title, and falls back to the foundation alone', () => {
    assert.equal(pageTitle('<h1>ignored</h1>', 'Donate', 'Foundation'), 'Donate · Foundation');
    assert.equal(pageTitle('<p>no heading</p>', undefined, 'Foundation'), 'Foundation');
    assert.equal(pageTitle('<h1>Foundation</h1>', undefined, 'Foundation'), 'Foundation');
  });

  it('reads no heading from text without one', () => {
    assert.equal(titleFromHtml(''), '');
  });
});
