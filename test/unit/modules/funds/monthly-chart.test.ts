import assert from 'node:assert/strict';
import { monthLabel, monthRange, renderMonthlyChart } from '../../../../src/modules/funds/monthly-chart.js';

describe('monthly chart', () => {
  it('counts months back across a year end', () => {
    assert.deepEqual(monthRange('2026-02', 4), ['2025-11', '2025-12', '2026-01', '2026-02']);
    assert.equal(monthLabel('2026-02', 'th'), 'ก.พ. 69');
    assert.equal(monthLabel('2026-02', 'en'), 'Feb 26');
  });

  it('draws one bar per month, scaled to the largest, with no script', () => {
    const svg = renderMonthlyChart(
      [
        { month: '2026-01', amountSatang: 100_00 },
        { month: '2026-02', amountSatang: 50_00 },
        { month: '2026-03', amountSatang: 0 },
      ],
      'th',
      'ยอด <บริจาค>',
    );
    assert.equal((svg.match(/<rect /g) ?? []).length, 3);
    assert.match(svg, /aria-label="ยอด &lt;บริจาค&gt;"/);
    assert.doesNotMatch(svg, /<script/);
    const heights = [...svg.matchAll(/height="(\d+)"><\/rect>/g)].map((m) => Number(m[1]));
    assert.equal(heights[0], 2 * (heights[1] as number));
    assert.equal(heights[2], 0);
  });
});
