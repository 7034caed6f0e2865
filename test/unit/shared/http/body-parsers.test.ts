import assert from 'node:assert/strict';
import qs from 'qs';
import { BadRequestError, PayloadTooLargeError } from '../../../../src/shared/errors.js';
import {
  FORM_LIMITS,
  FieldGuard,
  buildFormBody,
  checkFieldName,
  checkUrlencodedNames,
} from '../../../../src/shared/http/body-parsers.js';

const refusedWith = (key: string) => (e: unknown) => e instanceof BadRequestError && e.messageKey === key;

describe('form body bounds (body-parsers)', () => {
  it('accepts the names our forms send, up to index 1000 and five levels', () => {
    for (const name of [
      'narrative',
      'budget[0][item]',
      'spending[49][spent]',
      'orgTypes[]',
      'rows[1000][x]',
      'a[b][c][d][e][f]',
      'a[0001]',
    ])
      checkFieldName(name);
  });

  it('refuses a huge index however it is written, before anything is built', () => {
    for (const name of [
      'spending[300000000][line]',
      'rows[1001]',
      'rows[00000001]',
      'rows[ 5000 ]',
      'a[b][99999999999999999999]',
    ]) {
      assert.throws(() => checkFieldName(name), refusedWith('errors.formTooLarge'), name);
    }
    assert.throws(
      () => checkUrlencodedNames('narrative=x&spending%5B300000000%5D%5Bline%5D=0'),
      refusedWith('errors.formTooLarge'),
    );
    assert.throws(() => checkUrlencodedNames('spending%5b300000000%5d=0'), refusedWith('errors.formTooLarge'));
  });

  it('refuses deep nesting, over-long names and too many fields', () => {
    assert.throws(() => checkFieldName('a[b][c][d][e][f][g]'), refusedWith('errors.badRequest'));
    assert.throws(() => checkFieldName('x'.repeat(201)), refusedWith('errors.badRequest'));
    const guard = new FieldGuard();
    for (let i = 0; i < FORM_LIMITS.fields; i++) guard.accept(`f${i}`);
    assert.throws(() => guard.accept('one-too-many'), PayloadTooLargeError);
  });

  it('builds multipart fields into the same shape express.urlencoded gives, names taken literally', () => {
    const pairs: [string, string][] = [
      ['budget[0][item]', 'ปูน'],
      ['budget[1][item]', 'ทราย'],
      ['orgTypes', 'a'],
      ['orgTypes', 'b'],
      ['note', 'a+b&c=d'],
      ['odd%5B1%5D', 'x'],
    ];
    const body = buildFormBody(pairs);
    assert.deepEqual(body, {
      budget: [{ item: 'ปูน' }, { item: 'ทราย' }],
      orgTypes: ['a', 'b'],
      note: 'a+b&c=d',
      'odd%5B1%5D': 'x',
    });
    assert.deepEqual(
      buildFormBody(pairs.slice(0, 4)),
      qs.parse('budget[0][item]=ปูน&budget[1][item]=ทราย&orgTypes=a&orgTypes=b'),
    );
  });
});
