import assert from 'node:assert/strict';
import { SURIN_NETWORKS, splitTotal } from '../../../seeds/surin.data.js';

describe('the Surin data set', () => {
  it('has the table’s 10 networks, 177 organisations and 23,403 members, and splits totals exactly', () => {
    assert.equal(SURIN_NETWORKS.length, 10);
    assert.equal(
      SURIN_NETWORKS.reduce((s, n) => s + n.organisations, 0),
      177,
    );
    assert.equal(
      SURIN_NETWORKS.reduce((s, n) => s + n.members, 0),
      23_403,
    );
    for (const n of SURIN_NETWORKS)
      assert.equal(
        splitTotal(n.members, n.organisations).reduce((a, b) => a + b, 0),
        n.members,
      );
    assert.deepEqual(splitTotal(10, 3), [4, 3, 3]);
  });
});
