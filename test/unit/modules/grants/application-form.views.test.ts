import assert from 'node:assert/strict';
import {
  askedRowCounts,
  formRows,
  parseIntent,
  rowProblems,
  rowsAfterAdding,
  typedBudget,
} from '../../../../src/modules/grants/application-form.views.js';

describe('grants: the application form’s rows and budget (application-form.views.ts)', () => {
  it('the typed budget totals the rows it can read, in integer satang', () => {
    assert.equal(
      typedBudget(
        [{ item: 'a', quantity: '2', unitCost: '1,250.50' }, { item: 'b', quantity: 'x', unitCost: '9' }, {}],
        100_00,
      ).totalSatang,
      2_501_00,
    );
  });

  it('rows: as many as needed plus one spare; "add a row" asks for one more, bounded', () => {
    assert.equal(formRows([], 'budget').length, 1);
    assert.equal(formRows([{ item: 'a' }, { item: 'b' }], 'budget').length, 3);
    assert.equal(formRows([{ item: 'a' }, {}, {}, {}], 'budget').length, 2, 'trailing blanks collapse to one spare');
    assert.equal(formRows([{ item: 'a' }], 'budget', 4).length, 4);
    assert.equal(
      formRows(
        Array.from({ length: 50 }, () => ({ item: 'a' })),
        'budget',
      ).length,
      50,
      'never past the maximum',
    );
    assert.equal(rowsAfterAdding([{ item: 'a' }, {}], 'budget'), 3);
    assert.deepEqual(askedRowCounts({ budgetRows: '4', resultsRows: '999', activitiesRows: 'x' }), {
      budget: 4,
      results: 30,
    });
  });

  it('only filled rows are checked, each at its own position', () => {
    const problems = rowProblems(
      [
        { item: 'a', quantity: '1', unitCost: '10' },
        { item: '', quantity: '', unitCost: '' },
        { item: 'b', quantity: '', unitCost: '10' },
      ],
      'budget',
    );
    assert.equal(problems[0], null);
    assert.equal(problems[1], null);
    assert.deepEqual(Object.keys(problems[2] ?? {}), ['quantity']);
  });

  it('the buttons: save by default, submit, attach, add a row of a known group, remove a file by id', () => {
    assert.deepEqual(parseIntent(undefined), { kind: 'save' });
    assert.deepEqual(parseIntent('submit'), { kind: 'submit' });
    assert.deepEqual(parseIntent('add:budget'), { kind: 'add', group: 'budget' });
    assert.deepEqual(parseIntent('add:everything'), { kind: 'save' });
    assert.deepEqual(parseIntent('remove:0123456789abcdef01234567'), {
      kind: 'remove',
      fileId: '0123456789abcdef01234567',
    });
    assert.deepEqual(parseIntent('remove:../x'), { kind: 'save' });
  });
});

describe('grants: the typed budget reads quantities as the server does', () => {
  it('counts a Thai-digit quantity and refuses 1e3 and one past the maximum, as the schema does', () => {
    const rows = (quantity: string) => [{ item: 'ค่าอาหาร', quantity, unitCost: '100' }];
    assert.equal(typedBudget(rows('๕'), 0).totalSatang, 500_00);
    assert.equal(typedBudget(rows('1e3'), 0).totalSatang, 0);
    assert.equal(typedBudget(rows('1,000,001'), 0).totalSatang, 0);
    assert.equal(typedBudget(rows('1,000,000'), 0).totalSatang, 100_000_000_00);
  });
});
