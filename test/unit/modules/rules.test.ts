import assert from 'node:assert/strict';
import { totalsFromSums, ZERO_TOTALS } from '../../../src/modules/funds/ledger.rules.js';
import { hasRole, isRole, assertRole } from '../../../src/shared/actor.js';
import { normaliseRoles } from '../../../src/modules/accounts/roles.js';
import { safeNextPath } from '../../../src/modules/accounts/accounts.schemas.js';
import { buildPage, escapeRegExp, pageWindow } from '../../../src/shared/pagination.js';
import { ForbiddenError, UnauthorizedError } from '../../../src/shared/errors.js';

describe('ledger totals', () => {
  it('is zero for a fund with no entries', () => {
    assert.deepEqual(totalsFromSums({}), ZERO_TOTALS);
  });

  it('derives raised, refunded, committed, granted and available from signed sums', () => {
    // 1,000 given, 50 refunded, 300 awarded, 100 of it paid (release +100 / disbursement −100).
    const totals = totalsFromSums({
      donation: 100_000,
      refund: -5_000,
      grant_commitment: -30_000,
      commitment_release: 10_000,
      disbursement: -10_000,
    });
    assert.deepEqual(totals, {
      raisedSatang: 100_000,
      refundedSatang: 5_000,
      committedSatang: 20_000,
      grantedSatang: 10_000,
      availableSatang: 65_000,
    });
  });
});

describe('roles', () => {
  it('always keeps donor and orders roles', () => {
    assert.deepEqual(normaliseRoles(['admin', 'staff']), ['donor', 'staff', 'admin']);
    assert.deepEqual(normaliseRoles([]), ['donor']);
    assert.deepEqual(normaliseRoles(['root', 'reviewer']), ['donor', 'reviewer']);
  });

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
});

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
