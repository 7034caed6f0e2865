import assert from 'node:assert/strict';
import { findDangerousKey } from '../../../../src/shared/http/sanitize.js';

describe('request guards (pure parts)', () => {
  it('finds operator-like keys at any depth', () => {
    assert.equal(findDangerousKey({ email: { $ne: 'x' } }), '$ne');
    assert.equal(findDangerousKey({ a: [{ b: { 'c.d': 1 } }] }), 'c.d');
    assert.equal(findDangerousKey({ 'email[$ne]': 'x' }), 'email[$ne]');
    assert.equal(findDangerousKey(JSON.parse('{"__proto__": {"admin": true}}')), '__proto__');
    assert.equal(findDangerousKey({ email: 'a@b.c', name: 'สมชาย $100' }), null);
    assert.equal(findDangerousKey('plain'), null);
  });
});
