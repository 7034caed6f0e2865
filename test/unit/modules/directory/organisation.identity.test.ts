import assert from 'node:assert/strict';
import {
  IDENTITY_FIELDS,
  identityChanges,
  identityOf,
} from '../../../../src/modules/directory/organisation.identity.js';

describe('organisation identity (what clears the verified mark)', () => {
  const org = {
    name: { th: 'มูลนิธิชุมชนสงขลา', en: 'Songkhla Community Foundation' },
    registration: { number: 'สข-0042', registeredWith: '' },
    publicContact: { phone: '074-000-000' },
    privateContact: {},
    description: 'เดิม',
    members: 10,
  };

  it('lists each changed identity field with its old and new value', () => {
    const next = {
      ...org,
      name: { ...org.name, en: 'Songkhla Community Foundation – Official' },
      registration: { number: 'สข-9999' },
    };
    assert.deepEqual(identityChanges(identityOf(org), identityOf(next)), [
      { field: 'name.en', before: 'Songkhla Community Foundation', after: 'Songkhla Community Foundation – Official' },
      { field: 'registration.number', before: 'สข-0042', after: 'สข-9999' },
    ]);
  });

  it('ignores other fields, the same values again, and missing versus empty', () => {
    const next = { ...org, members: 500, registration: { number: ' สข-0042 ' }, privateContact: { phone: '' } };
    assert.deepEqual(identityChanges(identityOf(org), identityOf(next)), []);
  });

  it('counts the description: a "donation account" written there is an identity claim', () => {
    const next = { ...org, description: 'บัญชีรับบริจาคใหม่ 123-4-56789-0' };
    assert.deepEqual(identityChanges(identityOf(org), identityOf(next)), [
      { field: 'description', before: 'เดิม', after: 'บัญชีรับบริจาคใหม่ 123-4-56789-0' },
    ]);
  });

  it('covers name, registration and both contacts', () => {
    for (const prefix of ['name.', 'registration.', 'publicContact.', 'privateContact.'])
      assert.ok(
        IDENTITY_FIELDS.some((f) => f.startsWith(prefix)),
        prefix,
      );
  });
});
