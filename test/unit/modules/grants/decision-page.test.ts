import assert from 'node:assert/strict';
import {
  DECISION_ROWS_PER_PAGE,
  decisionPage,
  type DecisionRow,
  type DecisionView,
} from '../../../../src/modules/grants/decision-view.service.js';

/** A decision view of `count` ranked rows (only what the pager reads is filled in). */
function viewOf(count: number): DecisionView {
  const rows = Array.from({ length: count }, (_, i) => ({ id: `app-${i + 1}`, rank: i + 1 }) as unknown as DecisionRow);
  return {
    callId: 'call',
    fundAvailableSatang: 0,
    callBudgetSatang: 0,
    callAwardedSatang: 0,
    callBudgetLeftSatang: 0,
    moneyForLineSatang: 0,
    rows,
    scale: { min: 1, max: 5 },
  };
}

describe('grants: the decision view a page at a time (decisionPage)', () => {
  it('shows 50 rows a page in rank order, with the pages around it', () => {
    const view = viewOf(500);
    const first = decisionPage(view, 1);
    assert.equal(DECISION_ROWS_PER_PAGE, 50);
    assert.equal(first.items.length, 50);
    assert.deepEqual([first.items[0]?.id, first.items.at(-1)?.id], ['app-1', 'app-50']);
    assert.deepEqual([first.pages, first.total, first.prevPage, first.nextPage], [10, 500, null, 2]);
    const third = decisionPage(view, 3);
    assert.deepEqual([third.items[0]?.id, third.prevPage, third.nextPage], ['app-101', 2, 4]);
  });

  it('a page past the end shows the last page, a small call one page', () => {
    assert.deepEqual(
      decisionPage(viewOf(120), 99).items.map((r) => r.id),
      Array.from({ length: 20 }, (_, i) => `app-${101 + i}`),
    );
    const small = decisionPage(viewOf(3), 1);
    assert.deepEqual([small.items.length, small.pages, small.nextPage], [3, 1, null]);
    assert.deepEqual([decisionPage(viewOf(0), 1).items.length, decisionPage(viewOf(0), 1).pages], [0, 1]);
  });

  it('a refused award form opens the page that holds its row, whatever page was asked', () => {
    const page = decisionPage(viewOf(500), 1, 'app-321');
    assert.equal(page.page, 7);
    assert.ok(page.items.some((r) => r.id === 'app-321'));
    // An id not in the view leaves the page asked for.
    assert.equal(decisionPage(viewOf(500), 2, 'nope').page, 2);
  });
});
