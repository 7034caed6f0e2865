import assert from 'node:assert/strict';
import { typedValues } from '../../../../src/shared/http/forms.js';

describe('request guards (pure parts)', () => {
  it('never re-renders passwords or tokens into a form', () => {
    assert.deepEqual(
      typedValues({ name: 'a', password: 'p', passwordConfirm: 'p', _csrf: 't', currentPassword: 'c' }),
      { name: 'a' },
    );
  });
});
