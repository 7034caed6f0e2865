import assert from 'node:assert/strict';
import { formatThaiId, isValidThaiId, normaliseThaiId, thaiIdCheckDigit } from '../../../src/shared/thai-id.js';

describe('Thai 13-digit IDs', () => {
  it('accepts IDs whose check digit is right, with or without dashes and spaces', () => {
    const first12 = '110170020703';
    const id = first12 + String(thaiIdCheckDigit(first12));
    assert.ok(isValidThaiId(id));
    assert.ok(isValidThaiId(formatThaiId(id)));
    assert.ok(isValidThaiId('0-1055-12345-67-1'));
    assert.equal(normaliseThaiId(' 0 1055 12345 67 1 '), '0105512345671');
  });
  it('refuses a wrong check digit, wrong length and letters', () => {
    assert.equal(isValidThaiId('1234567890123'), false);
    assert.equal(isValidThaiId('0105512345670'), false);
    assert.equal(isValidThaiId('010551234567'), false);
    assert.equal(isValidThaiId('01055123456712'), false);
    assert.equal(isValidThaiId('A105512345671'), false);
    assert.equal(isValidThaiId(''), false);
  });
  it('prints IDs the way Thai cards do', () => assert.equal(formatThaiId('0105512345671'), '0-1055-12345-67-1'));
});
