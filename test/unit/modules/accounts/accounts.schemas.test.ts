import assert from 'node:assert/strict';
import { safeNextPath } from '../../../../src/modules/accounts/accounts.schemas.js';

describe('redirect after login', () => {
  it('follows only same-site paths', () => {
    assert.equal(safeNextPath('/admin/users?page=2'), '/admin/users?page=2');
    for (const bad of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      undefined,
    ]) {
      assert.equal(safeNextPath(bad), undefined, String(bad)); // the person then lands on their work
    }
  });

  it('follows only a path on this site', () => {
    assert.equal(safeNextPath('/applications/1?x=2'), '/applications/1?x=2');
    for (const bad of [
      undefined,
      '',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/ spaced',
    ]) {
      assert.equal(safeNextPath(bad), undefined, String(bad));
    }
  });
});
