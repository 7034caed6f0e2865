import assert from 'node:assert/strict';
import { normaliseRoles } from '../../../../src/modules/accounts/roles.js';

describe('roles', () => {
  it('always keeps donor and orders roles', () => {
    assert.deepEqual(normaliseRoles(['admin', 'staff']), ['donor', 'staff', 'admin']);
    assert.deepEqual(normaliseRoles([]), ['donor']);
    assert.deepEqual(normaliseRoles(['root', 'reviewer']), ['donor', 'reviewer']);
  });
});
