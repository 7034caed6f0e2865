/**
 * Campaign stories (issue 17): staff write a campaign's story with a cover picture and post
 * updates; the page shows them with the progress and the number of donors; each donor who asked
 * on the donate form gets each update by email once (in their language, with a signed link that
 * stops them). Bad input and forged links change nothing.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PNG } from 'pngjs';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { collectionStates, changedCollections } from '../helpers/db-state.js';
import { runSeeds } from '../../seeds/index.js';
import { createCampaign } from '../../src/modules/funds/campaign.service.js';
import { confirmPledge } from '../../src/modules/funds/donation-offline.service.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { CampaignUpdate } from '../../src/modules/funds/campaign-update.model.js';
import { stopUpdatesPath } from '../../src/modules/funds/campaign-story.service.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

const SLUG = 'flood-songkhla-2569';

function png(): Buffer {
  const image = new PNG({ width: 8, height: 4 });
  image.data.fill(90);
  return PNG.sync.write(image);
}

describe('campaign stories: story, cover, updates emailed to donors who asked', function () {
  this.timeout(60_000);
  const ctx = useTestApp({
    config: { BASE_URL: 'https://songkhla.example.org', FOUNDATION_BANK_ACCOUNT: 'ออมสิน 020-1-23456-7' },
  });
  let staffUser: PublicUser;
  let staff: ReturnType<typeof browser>;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staffUser = await makeUser({ roles: ['staff'] });
    staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
    await createCampaign(staffUser, {
      fund: 'disaster-relief',
      slug: SLUG,
      nameTh: 'ช่วยผู้ประสบอุทกภัยสงขลา 2569',
      nameEn: 'Songkhla flood relief 2569',
      descriptionTh: 'ระดมทุนช่วยครอบครัวที่บ้านถูกน้ำท่วม',
      descriptionEn: 'For families whose homes were flooded',
      goalSatang: 500_000_00,
      endsOn: new Date(Date.now() + 30 * 86_400_000),
    });
    // Four gifts: two from one donor who asked for updates, one in English who asked, one who did not.
    const give = async (email: string, name: string, follow: boolean, lang = 'th') => {
      const guest = browser(ctx.app);
      const page = await guest.agent.get(`/funds/disaster-relief/donate?campaign=${SLUG}&lang=${lang}`);
      assert.match(page.text, /name="followCampaign"/, 'the campaign form offers updates');
      const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] as string;
      const res = await guest.agent
        .post('/donate')
        .type('form')
        .send({
          fund: 'disaster-relief',
          campaign: SLUG,
          amount: 'other',
          customAmount: '1000',
          frequency: 'one_time',
          name,
          email,
          submissionId,
          _csrf: csrfFrom(page.text),
          ...(follow ? { followCampaign: 'on' } : {}),
        });
      assert.equal(res.status, 303, res.text.slice(0, 300));
      const gift = await Donation.findOne({ 'donor.email': email }).sort({ createdAt: -1 }).lean();
      await confirmPledge(staffUser, String(gift?._id), new Date(), 'โอน');
    };
    await give('somchai@example.net', 'สมชาย', true);
    await give('somchai@example.net', 'สมชาย', true);
    await give('jane@example.net', 'Jane', true, 'en');
    await give('quiet@example.net', 'เงียบ', false);
  });

  async function sendStory(fields: Record<string, string>, cover?: { content: Buffer; name: string }) {
    const page = await staff.agent.get(`/admin/campaigns/${SLUG}`);
    let req = staff.agent.post(`/admin/campaigns/${SLUG}/story`).field('_csrf', csrfFrom(page.text));
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    if (cover) req = req.attach('cover', cover.content, cover.name);
    return req;
  }

  it('shows the story and the cover picture with the progress and the number of donors', async () => {
    const res = await sendStory(
      {
        storyTh: 'น้ำท่วมหนักที่อำเภอหาดใหญ่\n\n## ความต้องการ\n- ถุงยังชีพ 500 ชุด',
        storyEn: '',
        coverAltTh: 'บ้านเรือนที่ถูกน้ำท่วมในหาดใหญ่',
        coverAltEn: 'Flooded houses in Hat Yai',
      },
      { content: png(), name: 'ปก.png' },
    );
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const page = await request(ctx.app).get(`/campaigns/${SLUG}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /น้ำท่วมหนักที่อำเภอหาดใหญ่/);
    assert.match(page.text, /<li>ถุงยังชีพ 500 ชุด<\/li>/);
    assert.match(page.text, /<dt>ผู้บริจาค<\/dt><dd>3 ราย<\/dd>/, 'three people, one of them twice');
    assert.match(page.text, /฿4,000/);
    assert.match(
      page.text,
      new RegExp(`<meta property="og:image" content="https://songkhla.example.org/campaigns/${SLUG}/cover">`),
    );
    assert.match(page.text, /alt="บ้านเรือนที่ถูกน้ำท่วมในหาดใหญ่"/);
    const cover = await request(ctx.app).get(`/campaigns/${SLUG}/cover`).buffer(true);
    assert.equal(cover.headers['content-type'], 'image/png');
    assert.deepEqual(Buffer.from(cover.body as Buffer), png());
  });

  it('posts an update once however many sends, and emails each donor who asked once, in their language', async () => {
    const submissionId = randomUUID();
    const form = {
      titleTh: 'ส่งถุงยังชีพชุดแรกแล้ว',
      titleEn: 'First relief bags delivered',
      bodyTh: 'ส่งถึง 120 ครอบครัว',
      bodyEn: 'To 120 families',
      submissionId,
    };
    const page = await staff.agent.get(`/admin/campaigns/${SLUG}`);
    const post = () =>
      staff.agent
        .post(`/admin/campaigns/${SLUG}/updates`)
        .type('form')
        .send({ ...form, _csrf: csrfFrom(page.text) });
    const [a, b] = await Promise.all([post(), post()]);
    assert.deepEqual([a.status, b.status], [303, 303]);
    assert.equal(await CampaignUpdate.countDocuments({}), 1);
    const mails = await MailMessage.find({ template: 'campaignUpdate' }).lean();
    assert.deepEqual(mails.map((m) => m.to).sort(), ['jane@example.net', 'somchai@example.net']);
    const jane = mails.find((m) => m.to === 'jane@example.net');
    assert.equal(jane?.locale, 'en');
    assert.match(String(jane?.subject), /Update: Songkhla flood relief 2569/);
    assert.match(String(jane?.text), /First relief bags delivered/);
    const shown = await request(ctx.app).get(`/campaigns/${SLUG}`);
    assert.match(shown.text, /ความคืบหน้า[\s\S]*ส่งถุงยังชีพชุดแรกแล้ว[\s\S]*ส่งถึง 120 ครอบครัว/);
  });

  it('stops the emails for the address whose signed link was followed, and refuses a forged one', async () => {
    const path = stopUpdatesPath(SLUG, 'somchai@example.net');
    const visitor = browser(ctx.app);
    const form = await visitor.agent.get(path);
    assert.equal(form.status, 200);
    assert.match(form.text, /เลิกรับอีเมล/);
    const token = new URL(`https://x${path}`).searchParams.get('token') as string;
    const before = await collectionStates(['donations']);
    const forged = await visitor.agent
      .post(`/campaigns/${SLUG}/stop-updates`)
      .type('form')
      .send({ email: 'jane@example.net', token, _csrf: csrfFrom(form.text) });
    assert.equal(forged.status, 404);
    assert.deepEqual(changedCollections(before, await collectionStates(['donations'])), []);
    const stopped = await visitor.agent
      .post(`/campaigns/${SLUG}/stop-updates`)
      .type('form')
      .send({ email: 'somchai@example.net', token, _csrf: csrfFrom(form.text) });
    assert.equal(stopped.status, 303);
    assert.equal(await Donation.countDocuments({ 'donor.email': 'somchai@example.net', campaignUpdates: true }), 0);
    const page = await staff.agent.get(`/admin/campaigns/${SLUG}`);
    await staff.agent
      .post(`/admin/campaigns/${SLUG}/updates`)
      .type('form')
      .send({ titleTh: 'ครบเป้าครึ่งทาง', bodyTh: 'ขอบคุณทุกท่าน', submissionId: randomUUID(), _csrf: csrfFrom(page.text) });
    const mails = await MailMessage.find({ template: 'campaignUpdate' }).lean();
    assert.equal(mails.filter((m) => m.to === 'somchai@example.net').length, 1, 'only the first update reached him');
    assert.equal(mails.filter((m) => m.to === 'jane@example.net').length, 2, 'both reached her');
  });

  it('refuses an update without a title, a cover that is a PDF or says nothing of itself, changing nothing', async () => {
    const before = await collectionStates();
    const page = await staff.agent.get(`/admin/campaigns/${SLUG}`);
    const noTitle = await staff.agent
      .post(`/admin/campaigns/${SLUG}/updates`)
      .type('form')
      .send({ titleTh: '', bodyTh: 'x', submissionId: randomUUID(), _csrf: csrfFrom(page.text) });
    assert.equal(noTitle.status, 422);
    assert.match(noTitle.text, /กรุณากรอกช่องนี้/);
    const pdf = await sendStory(
      { storyTh: 'x', coverAltTh: 'ภาพ' },
      { content: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'x.pdf' },
    );
    assert.equal(pdf.status, 422);
    assert.match(pdf.text, /ภาพประกอบต้องเป็นไฟล์ PNG หรือ JPEG/);
    const noAlt = await sendStory({ storyTh: 'x', coverAltTh: '' }, { content: png(), name: 'x.png' });
    assert.equal(noAlt.status, 422);
    assert.match(noAlt.text, /กรุณาอธิบายว่าภาพแสดงอะไร/);
    assert.deepEqual(changedCollections(before, await collectionStates()), []);
  });
});
