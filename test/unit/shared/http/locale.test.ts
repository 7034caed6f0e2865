import assert from 'node:assert/strict';
import { loginUrlFor, resolveLocale, urlWithLang } from '../../../../src/shared/http/locale.js';

describe('request guards (pure parts)', () => {
  it('resolves the language: query, then cookie, then profile, then Thai', () => {
    assert.deepEqual(resolveLocale({ query: 'en', cookie: 'th' }), { locale: 'en', explicit: true });
    assert.deepEqual(resolveLocale({ query: 'fr', cookie: 'en' }), { locale: 'en', explicit: false });
    assert.deepEqual(resolveLocale({ profile: 'en' }), { locale: 'en', explicit: false });
    assert.deepEqual(resolveLocale({ query: ['en'] }), { locale: 'th', explicit: false });
    assert.deepEqual(resolveLocale({}), { locale: 'th', explicit: false });
  });

  it('builds the language-switch link from the current URL', () => {
    assert.equal(urlWithLang('/funds/education?lang=th&x=1', 'en'), '/funds/education?lang=en&x=1');
    assert.equal(urlWithLang('/', 'en'), '/?lang=en');
  });
});

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
});
