import assert from 'node:assert/strict';
import { z } from 'zod';
import { findDangerousKey } from '../../../src/shared/http/sanitize.js';
import { parseInput } from '../../../src/shared/http/validate.js';
import { resolveLocale, urlWithLang } from '../../../src/shared/http/locale.js';
import { typedValues } from '../../../src/shared/http/forms.js';
import { ValidationError } from '../../../src/shared/errors.js';

describe('request guards (pure parts)', () => {
  it('finds operator-like keys at any depth', () => {
    assert.equal(findDangerousKey({ email: { $ne: 'x' } }), '$ne');
    assert.equal(findDangerousKey({ a: [{ b: { 'c.d': 1 } }] }), 'c.d');
    assert.equal(findDangerousKey({ 'email[$ne]': 'x' }), 'email[$ne]');
    assert.equal(findDangerousKey(JSON.parse('{"__proto__": {"admin": true}}')), '__proto__');
    assert.equal(findDangerousKey({ email: 'a@b.c', name: 'สมชาย $100' }), null);
    assert.equal(findDangerousKey('plain'), null);
  });

  it('turns zod failures into i18n keys per field', () => {
    const schema = z.object({
      email: z.string().email('validation.email'),
      age: z.number().max(10),
      name: z.string().min(1),
    });
    assert.throws(
      () => parseInput(schema, { email: 'nope', age: 11, name: '' }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(error.fields.email, { key: 'validation.email' });
        assert.deepEqual(error.fields.age, { key: 'validation.tooBig', params: { max: 10 } });
        assert.deepEqual(error.fields.name, { key: 'validation.required' });
        return true;
      },
    );
    assert.throws(() => parseInput(schema, { email: { $gt: '' } }), ValidationError);
  });

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

  it('never re-renders passwords or tokens into a form', () => {
    assert.deepEqual(
      typedValues({ name: 'a', password: 'p', passwordConfirm: 'p', _csrf: 't', currentPassword: 'c' }),
      { name: 'a' },
    );
  });
});
