import assert from 'node:assert/strict';
import { isDatabaseUnavailableError } from '../../../../src/shared/db/availability.js';

function serverError(code: number, message: string): Error {
  return Object.assign(new Error(message), { name: 'MongoServerError', code });
}

describe('isDatabaseUnavailableError', () => {
  it('counts the driver losing its server as an outage, also when wrapped', () => {
    const lost = Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoServerSelectionError' });
    assert.equal(isDatabaseUnavailableError(lost), true);
    assert.equal(isDatabaseUnavailableError(new Error('saving failed', { cause: lost })), true);
  });

  it("counts FerretDB's report that its PostgreSQL is gone as an outage", () => {
    const refused = serverError(
      1,
      '[msg_insert.go:168] failed to connect to `user=ferretdb database=ferretdb`: dial tcp: connection refused',
    );
    const shutDown = serverError(1, '[collection.go:109] FATAL: terminating connection (SQLSTATE 57P01)');
    assert.equal(isDatabaseUnavailableError(refused), true);
    assert.equal(isDatabaseUnavailableError(shutDown), true);
  });

  it('does not hide real errors behind a 503', () => {
    assert.equal(isDatabaseUnavailableError(serverError(11000, 'E11000 duplicate key error')), false);
    assert.equal(isDatabaseUnavailableError(serverError(1, 'some other internal error')), false);
    assert.equal(isDatabaseUnavailableError(new TypeError('x is undefined')), false);
    assert.equal(isDatabaseUnavailableError(undefined), false);
  });
});
