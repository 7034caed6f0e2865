/**
 * News (issue 17): staff write a news item with a photo as a draft (seen by staff only), publish
 * it; it shows on /news, on the giving menu and in the Atom feed, with Open Graph tags and share
 * links for LINE and Facebook; a photo that is no picture, a missing description of the photo or
 * a draft read by a stranger are refused, changing nothing.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { PNG } from 'pngjs';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { collectionStates, changedCollections } from '../helpers/db-state.js';
import { runSeeds } from '../../seeds/index.js';
import { NewsItem } from '../../src/modules/community/news.model.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

function png(): Buffer {
  const image = new PNG({ width: 8, height: 4 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

describe('news: write, publish, read, feed and share', function () {
  this.timeout(60_000);
  const ctx = useTestApp({ config: { BASE_URL: 'https://songkhla.example.org' } });
  let staffUser: PublicUser;
  let staff: ReturnType<typeof browser>;
  let newsId: string;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staffUser = await makeUser({ roles: ['staff'] });
    staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
  });

  /** The news form as the browser sends it: the token first, the fields, then the photo. */
  async function sendForm(action: string, fields: Record<string, string>, photo?: { content: Buffer; name: string }) {
    const page = await staff.agent.get('/admin/news/new');
    let req = staff.agent.post(action).field('_csrf', csrfFrom(page.text));
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    if (photo) req = req.attach('photo', photo.content, photo.name);
    return req;
  }

  const ITEM = {
    kind: 'activity',
    titleTh: 'ตลาดนัดชุมชนบ่อยางระดมทุนช่วยผู้สูงอายุ',
    titleEn: 'Bo Yang market raises funds for elders',
    summaryTh: 'ชาวบ้านบ่อยางร่วมกันจัดตลาดนัด รายได้เข้ากองทุนผู้สูงอายุ',
    summaryEn: '',
    bodyTh: 'ย่อหน้าแรก <script>alert(1)</script>\n\n## ผลที่ได้\n- รายได้ 25,000 บาท\n- อาสาสมัคร 40 คน',
    bodyEn: '',
    photoAltTh: 'ชาวบ้านตั้งแผงขายของในตลาดนัด',
    photoAltEn: '',
    fund: 'elderly',
    areaCode: '900101',
  };

  it('saves a draft with its photo that only staff can see', async () => {
    const res = await sendForm('/admin/news', ITEM, { content: png(), name: 'ตลาดนัด.png' });
    assert.equal(res.status, 303, res.text.slice(0, 400));
    const item = await NewsItem.findOne({}).lean();
    assert.ok(item);
    newsId = String(item._id);
    assert.equal(item.published, false);
    assert.equal(item.photo?.contentType, 'image/png');
    assert.equal((await request(ctx.app).get(`/news/${newsId}`)).status, 404, 'a draft is not found by strangers');
    assert.equal((await request(ctx.app).get(`/news/${newsId}/photo`)).status, 404);
    const preview = await staff.agent.get(`/news/${newsId}`);
    assert.equal(preview.status, 200);
    assert.match(preview.text, /ฉบับร่าง/);
    assert.doesNotMatch((await request(ctx.app).get('/news')).text, /ตลาดนัดชุมชนบ่อยาง/);
  });

  it('publishes it: the list, the page (escaped, with headings and lists), the photo, the giving menu, the feed', async () => {
    const edit = `/admin/news/${newsId}/edit`;
    assert.equal((await staff.submit(edit, `/admin/news/${newsId}/publish`, { publish: 'yes' })).status, 303);
    const list = await request(ctx.app).get('/news');
    assert.match(list.text, /ตลาดนัดชุมชนบ่อยางระดมทุนช่วยผู้สูงอายุ/);
    const page = await request(ctx.app).get(`/news/${newsId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'typed HTML is shown as text');
    assert.match(page.text, /<h2>ผลที่ได้<\/h2>/);
    assert.match(page.text, /<li>รายได้ 25,000 บาท<\/li>/);
    const url = `https://songkhla.example.org/news/${newsId}`;
    assert.match(page.text, new RegExp(`<meta property="og:url" content="${url}">`));
    assert.match(page.text, /<meta property="og:title" content="ตลาดนัดชุมชนบ่อยางระดมทุนช่วยผู้สูงอายุ">/);
    assert.match(page.text, new RegExp(`<meta property="og:image" content="${url}/photo">`));
    // Handlebars writes "=" in attributes as an entity; the browser reads it back as "=".
    const hrefs = page.text.replace(/&#x3D;/g, '=');
    assert.ok(hrefs.includes(`https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(url)}`), 'LINE');
    assert.ok(hrefs.includes(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`), 'Facebook');
    const photo = await request(ctx.app).get(`/news/${newsId}/photo`).buffer(true);
    assert.equal(photo.status, 200);
    assert.equal(photo.headers['content-type'], 'image/png');
    assert.equal(photo.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(Buffer.from(photo.body as Buffer), png());
    assert.match((await request(ctx.app).get('/')).text, /ข่าวล่าสุด[\s\S]*ตลาดนัดชุมชนบ่อยาง/);
    // The fund it concerns lists it; another fund does not.
    assert.match((await request(ctx.app).get('/funds/elderly')).text, /ข่าวและกิจกรรมของกองทุนนี้[\s\S]*ตลาดนัดชุมชนบ่อยาง/);
    assert.doesNotMatch((await request(ctx.app).get('/funds/education')).text, /ตลาดนัดชุมชนบ่อยาง/);
    // English readers get the English title, and the Thai text where no English was written.
    const english = await request(ctx.app).get(`/news/${newsId}?lang=en`);
    assert.match(english.text, /Bo Yang market raises funds for elders/);
    assert.match(english.text, /ชาวบ้านบ่อยางร่วมกันจัดตลาดนัด/);
    const feed = await request(ctx.app).get('/news/feed.atom');
    assert.equal(feed.status, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(
      feed.text,
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    assert.match(feed.text, new RegExp(`<entry>\\s*<title>ตลาดนัดชุมชนบ่อยางระดมทุนช่วยผู้สูงอายุ</title>\\s*<id>${url}</id>`));
  });

  it('takes it back to draft, and edits it', async () => {
    const edit = `/admin/news/${newsId}/edit`;
    assert.equal((await staff.submit(edit, `/admin/news/${newsId}/publish`, { publish: 'no' })).status, 303);
    assert.equal((await request(ctx.app).get(`/news/${newsId}`)).status, 404);
    const res = await sendForm(`/admin/news/${newsId}`, { ...ITEM, titleTh: 'ตลาดนัดบ่อยาง (แก้ไข)', removePhoto: 'on' });
    assert.equal(res.status, 303, res.text.slice(0, 400));
    const item = await NewsItem.findById(newsId).lean();
    assert.equal(item?.title?.th, 'ตลาดนัดบ่อยาง (แก้ไข)');
    assert.equal(item?.photo?.fileId, undefined, 'the photo was removed');
  });

  describe('refuses bad input with a clear message, changing nothing', () => {
    const refused = async (
      fields: Record<string, string>,
      photo: { content: Buffer; name: string } | undefined,
      message: RegExp,
    ) => {
      const before = await collectionStates();
      const res = await sendForm('/admin/news', fields, photo);
      assert.equal(res.status, 422, res.text.slice(0, 300));
      assert.match(res.text, message);
      assert.deepEqual(changedCollections(before, await collectionStates()), [], 'nothing stored');
    };

    it('a photo that is a PDF, or not a picture at all', async () => {
      await refused(
        ITEM,
        { content: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'x.pdf' },
        /ภาพประกอบต้องเป็นไฟล์ PNG หรือ JPEG/,
      );
      await refused(ITEM, { content: Buffer.from('just text'), name: 'x.png' }, /รับเฉพาะไฟล์ PDF, PNG หรือ JPEG/);
    });

    it('a photo without saying what it shows, a missing title, an unknown kind or fund, a bad area code', async () => {
      await refused({ ...ITEM, photoAltTh: '' }, { content: png(), name: 'x.png' }, /กรุณาอธิบายว่าภาพแสดงอะไร/);
      await refused({ ...ITEM, titleTh: '' }, undefined, /กรุณากรอกช่องนี้/);
      await refused({ ...ITEM, kind: 'gossip' }, undefined, /class="field-error"/);
      await refused({ ...ITEM, fund: 'no-such-fund' }, undefined, /class="field-error"/);
      await refused({ ...ITEM, areaCode: '9' }, undefined, /class="field-error"/);
    });

    it('a draft or an id that is none, for a stranger', async () => {
      assert.equal((await request(ctx.app).get('/news/nope')).status, 404);
      assert.equal((await request(ctx.app).get(`/news/${'f'.repeat(24)}/photo`)).status, 404);
    });
  });
});
