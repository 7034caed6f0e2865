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

  it('finds organisations in English by the words of their issue and target-group tags, as in Thai', async () => {
    const count = async (q: string, lang = 'en') => {
      const res = await request(ctx.app).get(`/directory?q=${encodeURIComponent(q)}&lang=${lang}`);
      assert.equal(res.status, 200);
      const found = /results-count">([\d,]+) organisations?|พบ ([\d,]+) องค์กร/.exec(res.text);
      assert.ok(found, res.text.slice(0, 200));
      return Number((found[1] ?? found[2] ?? '').replace(/,/g, ''));
    };
    const elderly = await count('elderly');
    const thai = await count('ผู้สูงอายุ', 'th');
    const tagged = await request(ctx.app).get('/api/v1/organisations?issue=elderly&perPage=1');
    assert.ok(elderly >= 55, `"elderly" finds the elderly clubs (found ${elderly}; it found 1 before)`);
    assert.equal(elderly, thai, 'the English word finds what the Thai one does');
    assert.ok(elderly >= tagged.body.total, 'every organisation tagged with the issue');
    assert.ok((await count('older people')) >= 55, 'the target group’s English label');
    assert.equal(await count('youth'), await count('เยาวชน', 'th'));
    assert.ok((await count('elderly youth')) < Math.min(elderly, await count('youth')), 'every word of the query must match');
    const api = await request(ctx.app).get('/api/v1/organisations?q=elderly&perPage=1');
    assert.ok(api.body.total >= 55, 'the open-data API searches the same way');
  });
});
