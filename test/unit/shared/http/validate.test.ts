import assert from 'node:assert/strict';
import { z } from 'zod';
import { parseInput } from '../../../../src/shared/http/validate.js';
import { ValidationError } from '../../../../src/shared/errors.js';

describe('request guards (pure parts)', () => {
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
});
