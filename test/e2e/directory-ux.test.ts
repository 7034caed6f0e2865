/**
 * The social map as people use it (issue 13): the map's province bars, searching in English for
 * words the vocabulary tags carry, area pages that page their lists, and the organisation form
 * (sections, checkbox groups, an unticked sharing choice, back to the call the person came from).
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { runSeeds } from '../../seeds/index.js';

describe('social map as people use it (issue 13)', function () {
  this.timeout(60_000);
  const ctx = useTestApp();
  before(async () => {
    await runSeeds({ demoUsers: false });
  });

  it('draws the map’s province bars to scale (Surin, with every seeded organisation, is a full bar)', async () => {
    const res = await request(ctx.app).get('/directory/map');
    assert.equal(res.status, 200);
    const surin = /<a href="\/areas\/32">สุรินทร์<\/a> <meter[^>]*value="(\d+)"[^>]*><\/meter> <span class="num">([\d,]+)<\/span>/.exec(res.text);
    assert.ok(surin, 'Surin has a bar');
    assert.ok(Number((surin[2] as string).replace(/,/g, '')) >= 177);
    assert.equal(surin[1], '100', 'the largest province fills its bar');
    const area = await request(ctx.app).get('/areas/32');
    const values = [...area.text.matchAll(/<meter[^>]*value="(\d+)"/g)].map((m) => Number(m[1]));
    assert.ok(values.includes(100), 'the district with most organisations fills its bar');
  });
});
