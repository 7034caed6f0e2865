import assert from 'node:assert/strict';
import { renderNetworkGraph } from '../../../../src/modules/directory/network-graph.js';

describe('network graph', () => {
  it('draws one hub per network and one dot per member, with every label escaped', () => {
    const svg = renderNetworkGraph(
      [
        { id: 'n1', label: 'เครือข่าย <A>', coordinatorId: 'c', memberIds: ['a', 'b'] },
        { id: 'n2', label: 'Network "B"', coordinatorId: 'c', memberIds: ['b', 'missing'] },
      ],
      [
        { id: 'a', label: 'กลุ่ม & ชมรม' },
        { id: 'b', label: 'b' },
        { id: 'c', label: 'สมาคม' },
      ],
      'graph',
    );
    assert.equal((svg.match(/class="network"/g) ?? []).length, 2);
    assert.equal((svg.match(/class="org"/g) ?? []).length, 3, 'b twice (in two networks), missing ids skipped');
    assert.equal((svg.match(/class="coordinator"/g) ?? []).length, 1);
    assert.match(svg, /เครือข่าย &lt;A&gt;/);
    assert.match(svg, /Network &quot;B&quot;/);
    assert.match(svg, /กลุ่ม &amp; ชมรม/);
    assert.doesNotMatch(svg, /<A>|<script/);
  });
});
