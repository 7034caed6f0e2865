/**
 * The social map as people use it (issue 13): the map's province bars, searching in English for
 * words the vocabulary tags carry, area pages that page their lists, and the organisation form
 * (sections, checkbox groups, an unticked sharing choice, back to the call the person came from).
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { runSeeds } from '../../seeds/index.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { makeCall, makeOrg } from '../helpers/grants.js';
import { Organisation } from '../../src/modules/directory/organisation.model.js';

describe('social map as people use it (issue 13)', function () {
  this.timeout(60_000);
  const ctx = useTestApp();
  before(async () => {
    await runSeeds({ demoUsers: false });
  });

  it('draws the map’s province bars to scale (Surin, with every seeded organisation, is a full bar)', async () => {
    const res = await request(ctx.app).get('/directory/map');
    assert.equal(res.status, 200);
    const surin =
      /<a href="\/areas\/32">สุรินทร์<\/a> <meter[^>]*value="(\d+)"[^>]*><\/meter> <span class="num">([\d,]+)<\/span>/.exec(
        res.text,
      );
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
    assert.ok(
      (await count('elderly youth')) < Math.min(elderly, await count('youth')),
      'every word of the query must match',
    );
    const api = await request(ctx.app).get('/api/v1/organisations?q=elderly&perPage=1');
    assert.ok(api.body.total >= 55, 'the open-data API searches the same way');
  });

  it('pages an area’s organisations and surveys (12 a page), each list keeping the other’s page', async () => {
    const first = await request(ctx.app).get('/areas/32');
    assert.equal(first.status, 200);
    assert.equal((first.text.match(/class="org-card"/g) ?? []).length, 12, 'a page of cards, not 50');
    assert.match(first.text, /แสดง 1–12 จาก 178 องค์กร/);
    assert.match(first.text, /<a href="\/areas\/32\?page=2" rel="next">/);
    const second = await request(ctx.app).get('/areas/32?page=2&surveysPage=3');
    assert.match(second.text, /แสดง 13–24 จาก 178 องค์กร/);
    assert.match(
      second.text,
      /href="\/areas\/32\?page=1" rel="prev"/,
      'no surveys to page: the first survey page is kept out of the link',
    );
    const names = (html: string) =>
      [...html.matchAll(/<article class="org-card">\s*<h3><a href="\/organisations\/([a-f0-9]{24})"/g)].map(
        (m) => m[1],
      );
    assert.equal(new Set([...names(first.text), ...names(second.text)]).size, 24, 'the pages do not overlap');
    const beyond = await request(ctx.app).get('/areas/32?page=999');
    assert.equal(beyond.status, 200);
    assert.match(beyond.text, /แสดง 169–178 จาก 178 องค์กร/, 'past the end: the last page');
    assert.equal((await request(ctx.app).get('/areas/32?page=abc')).status, 200);
  });

  it('lists the networks of the map’s graph as links a phone can read', async () => {
    const res = await request(ctx.app).get('/directory/map?lang=en');
    const list = /<ul class="network-list"[^>]*>([\s\S]*?)<\/ul>/.exec(res.text);
    assert.ok(list, 'a list beside the drawing');
    assert.equal(((list[1] as string).match(/<a href="\/networks\/[a-f0-9]{24}">/g) ?? []).length, 10);
    assert.match(list[1] as string, /55 member organisations/);
  });

  it('directory pages do not skip a heading level', async () => {
    const network = (await request(ctx.app).get('/api/v1/networks')).body.data[0].id as string;
    const org = (await request(ctx.app).get('/api/v1/organisations?q=ผู้สูงอายุ&perPage=1')).body.data[0].id as string;
    const staff = browser(ctx.app);
    await staff.login((await makeUser({ roles: ['staff'] })).email, PASSWORD);
    const pages = [
      '/directory',
      '/directory?q=elderly',
      '/directory/map',
      '/areas/32',
      '/areas/3201',
      '/networks',
      `/networks/${network}`,
      `/organisations/${org}`,
      `/organisations/${org}/matches`,
      '/organisations/new',
      `/organisations/${org}/edit`,
      '/areas/32/surveys/new',
      '/admin/introductions',
    ];
    for (const url of pages) {
      const res = await staff.agent.get(url);
      assert.equal(res.status, 200, url);
      const html = res.text;
      const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
      const levels = [...main.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
      assert.equal(levels[0], 1, `${url} starts with its h1`);
      levels.forEach(
        (level, i) =>
          i > 0 && assert.ok(level <= (levels[i - 1] as number) + 1, `${url}: h${levels[i - 1]} then h${level}`),
      );
    }
  });

  describe('the organisation form', () => {
    let person: ReturnType<typeof browser>;
    let callId: string;
    before(async () => {
      const staff = await makeUser({ roles: ['staff'] });
      callId = await makeCall(staff);
      person = browser(ctx.app);
      await person.login((await makeUser()).email, PASSWORD);
    });

    const fields = (over: Record<string, string | string[]> = {}) => ({
      nameTh: `กลุ่มทดสอบฟอร์ม ${Math.random().toString(36).slice(2, 8)}`,
      type: 'community_group',
      roles: ['recipient'],
      provinceCode: '32',
      ...over,
    });

    it('has checkbox groups (no multi-select asking to hold Ctrl), sections, and sharing unticked', async () => {
      const page = await person.agent.get(`/organisations/new?returnTo=/calls/${callId}`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /<select[^>]*multiple/);
      assert.doesNotMatch(page.text, /Ctrl|⌘/);
      assert.equal((page.text.match(/type="checkbox" name="servedProvinces"/g) ?? []).length, 77);
      assert.equal((page.text.match(/type="checkbox" name="networkIds"/g) ?? []).length, 10);
      assert.ok((page.text.match(/<details class="form-section"/g) ?? []).length >= 4, 'optional sections fold away');
      assert.doesNotMatch(page.text, /<details class="form-section" open/, 'closed until needed');
      assert.match(
        page.text,
        /<input type="checkbox" name="matchingOptIn" value="on" aria-describedby="h-matchingOptIn" >/,
        'sharing is not ticked for a new organisation',
      );
      assert.match(page.text, new RegExp(`<input type="hidden" name="returnTo" value="/calls/${callId}">`));
    });

    it('after saving leads back to the call the person came from; the sharing choice left alone is "no"', async () => {
      const page = await person.agent.get(`/organisations/new?returnTo=/calls/${callId}`);
      const typed = fields();
      const saved = await person.agent
        .post('/organisations')
        .type('form')
        .send({ ...typed, returnTo: `/calls/${callId}`, servedProvinces: ['31', '33'], _csrf: csrfFrom(page.text) });
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.location, `/calls/${callId}`);
      const org = await Organisation.findOne({ 'name.th': typed.nameTh }).lean();
      assert.equal(org?.matchingOptIn, false, 'not shared unless ticked');
      assert.deepEqual(
        org?.areasServed?.map((a) => a.provinceCode),
        ['31', '33'],
        'provinces ticked in the checkbox groups',
      );
      const call = await person.agent.get(`/calls/${callId}`);
      assert.match(call.text, new RegExp(org?.name?.th as string), 'the call now offers to apply for it');
    });

    it('never follows a return address off the site', async () => {
      for (const hostile of [
        '//evil.example/x',
        'https://evil.example',
        '/\\evil.example',
        'javascript:alert(1)',
        '/calls/x"><script>',
      ]) {
        const page = await person.agent.get(`/organisations/new?returnTo=${encodeURIComponent(hostile)}`);
        assert.doesNotMatch(page.text, /name="returnTo"/, `${hostile} is not carried`);
        const saved = await person.agent
          .post('/organisations')
          .type('form')
          .send({ ...fields(), returnTo: hostile, _csrf: csrfFrom(page.text) });
        assert.equal(saved.status, 303);
        assert.match(saved.headers.location as string, /^\/organisations\/[a-f0-9]{24}$/, hostile);
      }
    });

    it('keeps an existing organisation’s choice to share, and opens the section a message is in', async () => {
      const owner = browser(ctx.app);
      const user = await makeUser();
      await owner.login(user.email, PASSWORD);
      const id = await makeOrg(user, { matchingOptIn: true });
      const edit = await owner.agent.get(`/organisations/${id}/edit`);
      assert.match(edit.text, /name="matchingOptIn" value="on" aria-describedby="h-matchingOptIn" checked>/);
      const bad = await owner.agent
        .post(`/organisations/${id}`)
        .type('form')
        .send({
          ...fields({ nameTh: 'ชื่อใหม่ของกลุ่ม' }),
          matchingOptIn: 'on',
          offerMoney: 'lots',
          _csrf: csrfFrom(edit.text),
        });
      assert.equal(bad.status, 422);
      const section =
        /<details class="form-section"( open)?>\s*<summary><h2>[^<]*<\/h2><\/summary>(?:(?!<\/details>)[\s\S])*name="offerMoney"/.exec(
          bad.text,
        );
      assert.ok(section?.[1], 'the section with the message is open');
      const saved = await owner.agent
        .post(`/organisations/${id}`)
        .type('form')
        .send({
          ...fields({ nameTh: 'ชื่อใหม่ของกลุ่ม' }),
          matchingOptIn: 'on',
          returnTo: `/calls/${callId}`,
          _csrf: csrfFrom(edit.text),
        });
      assert.equal(saved.headers.location, `/calls/${callId}`);
      assert.equal((await Organisation.findById(id).lean())?.matchingOptIn, true);
    });

    it('the call page’s “add an organisation” carries the call to come back to', async () => {
      const other = browser(ctx.app);
      await other.login((await makeUser()).email, PASSWORD);
      const call = await other.agent.get(`/calls/${callId}`);
      assert.match(call.text, new RegExp(`href="/organisations/new\\?returnTo=/calls/${callId}"`));
    });
  });
});
