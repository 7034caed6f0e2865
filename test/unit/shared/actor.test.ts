import assert from 'node:assert/strict';
import { assertRole, hasRole, isRole } from '../../../src/shared/actor.js';
import { ForbiddenError, UnauthorizedError } from '../../../src/shared/errors.js';

describe('roles', () => {
  it('checks roles and refuses the anonymous', () => {
    assert.ok(hasRole({ roles: ['staff'] }, 'staff', 'admin'));
    assert.ok(!hasRole({ roles: ['donor'] }, 'staff'));
    assert.ok(!hasRole(undefined, 'donor'));
    assert.ok(isRole('reviewer') && !isRole('root'));
    assert.throws(() => assertRole(undefined, 'admin'), UnauthorizedError);
    assert.throws(() => assertRole({ roles: ['staff'] }, 'admin'), ForbiddenError);
    assert.doesNotThrow(() => assertRole({ roles: ['admin'] }, 'admin'));
  });
});
