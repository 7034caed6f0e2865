import assert from 'node:assert/strict';
import { APPLICATION_ROWS } from '../../../../src/modules/grants/grants.schemas.js';
import { FORM_LIMITS } from '../../../../src/shared/http/body-parsers.js';

describe('grants: the application form fits the body parser', () => {
  it('an application at every row maximum, its single fields, one spare row per group and the buttons stay under the field bound', () => {
    const rowFields = Object.values(APPLICATION_ROWS).reduce(
      (sum, group) => sum + (group.max + 1) * Object.keys(group.shape).length,
      0,
    );
    const singles = 12; // _csrf, title, problem, objectives, targetGroup, beneficiaries, three area codes, intent, lang, a file
    assert.ok(
      rowFields + singles < FORM_LIMITS.fields,
      `${rowFields + singles} fields against a bound of ${FORM_LIMITS.fields}`,
    );
  });
});
