import assert from 'node:assert/strict';
import { loginUrlFor, urlWithLang } from '../../../../src/shared/http/locale.js';
import { safeNextPath } from '../../../../src/modules/accounts/accounts.schemas.js';

describe('the way back after login (pure parts)', () => {
  it('makes the header’s login link come back to the page, without its language and never to the account doors', () => {
    assert.equal(loginUrlFor('/funds/education?lang=en&x=1'), '/login?next=%2Ffunds%2Feducation%3Fx%3D1');
    assert.equal(loginUrlFor('/calls/abc'), '/login?next=%2Fcalls%2Fabc');
    for (const door of [
      '/',
      '/?lang=en',
      '/login?next=%2Fx',
      '/register',
      '/forgot-password',
      '/reset-password/tok',
      '/verify-email/tok',
    ]) {
      assert.equal(loginUrlFor(door), '/login', door);
    }
  });

  it('reads a request address of slashes as a path here, not another host (it answered 500)', () => {
    assert.equal(loginUrlFor('//'), '/login');
    assert.equal(loginUrlFor('//evil.example/x'), '/login?next=%2Fevil.example%2Fx');
    assert.equal(urlWithLang('//', 'en'), '/?lang=en');
    assert.equal(urlWithLang('//[', 'en'), '/[?lang=en');
    assert.equal(urlWithLang('/funds?x=1', 'th'), '/funds?x=1&lang=th');
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
