import assert from 'node:assert/strict';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { browser } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { invalidateTotals, postEntry } from '../../src/modules/accounting/journal.service.js';
import { donationReceived, refundMoved } from '../../src/modules/accounting/movements.js';
import { User } from '../../src/modules/accounts/user.model.js';

const THAI_FUND_NAMES = [
  'กองทุนเพื่อการศึกษา',
  'กองทุนเพื่อเด็กและเยาวชน',
  'กองทุนสิ่งแวดล้อม',
  'กองทุนผู้สูงอายุ',
  'กองทุนผู้พิการและผู้ด้อยโอกาส',
  'กองทุนสื่อ',
  'กองทุนอุบัติภัย',
  'กองทุนถาวร',
];

describe('giving menu, language and open data', () => {
  const ctx = useTestApp();
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  it('shows the seven sub-funds and the endowment in Thai by default', async () => {
    const res = await request(ctx.app).get('/');
    assert.equal(res.status, 200);
    assert.match(res.text, /<html lang="th">/);
    for (const name of THAI_FUND_NAMES) assert.ok(res.text.includes(name), name);
    assert.match(res.text, /เป้าหมาย ฿500,000/);
  });

  it('switches the whole page to English with ?lang=en and remembers it in a cookie', async () => {
    const b = browser(ctx.app);
    const en = await b.agent.get('/?lang=en');
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /Education Fund/);
    assert.match(en.text, /Giving menu/);
    assert.doesNotMatch(en.text, /กองทุนเพื่อการศึกษา/);
    assert.match(String(en.headers['set-cookie']), /lang=en/);
    const later = await b.agent.get('/funds/elderly');
    assert.match(later.text, /Elderly Fund/);
    assert.match(later.text, /href="\/funds\/elderly\?lang&#x3D;th"/, 'the switch offers Thai back');
    const back = await b.agent.get('/?lang=th');
    assert.match(back.text, /กองทุนเพื่อการศึกษา/);
  });

  it('stores the chosen language in a logged-in person’s profile and uses it at the next login', async () => {
    const user = await makeUser({ language: 'th' });
    const b = browser(ctx.app);
    await b.login(user.email, PASSWORD);
    await b.agent.get('/?lang=en');
    assert.equal((await User.findById(user.id))?.preferredLanguage, 'en');
    const elsewhere = browser(ctx.app);
    await elsewhere.login(user.email, PASSWORD);
    const page = await elsewhere.agent.get('/');
    assert.match(page.text, /Education Fund/, 'a new device follows the profile');
  });

  it('has a page per fund with its description and goal, and a localized 404 for unknown funds', async () => {
    const res = await request(ctx.app).get('/funds/endowment');
    assert.equal(res.status, 200);
    assert.match(res.text, /กองทุนถาวร/);
    assert.match(res.text, /฿10,000,000/);
    assert.match(res.text, /เงินต้นที่เก็บรักษาไว้/);
    const missing = await request(ctx.app).get('/funds/no-such-fund');
    assert.equal(missing.status, 404);
    assert.match(missing.text, /ไม่พบกองทุนนี้/);
    const english = await request(ctx.app).get('/funds/no-such-fund?lang=en');
    assert.match(english.text, /This fund was not found/);
  });

  it('lists the funds at /api/v1/funds with totals from the ledger', async () => {
    const education = await Fund.findOne({ slug: 'education' });
    assert.ok(education);
    const fundId = education._id.toString();
    await postEntry({ movement: donationReceived(fundId, 150_000, 'stripe'), ref: 'test:1', idempotencyKey: 'test:1' });
    await postEntry({ movement: donationReceived(fundId, 25_050, 'bank'), ref: 'test:2', idempotencyKey: 'test:2' });
    await postEntry({ movement: refundMoved(fundId, -5_000, 'stripe'), ref: 'test:3', idempotencyKey: 'test:3' });
    // Summed again from the database, as another process would.
    invalidateTotals();
    const res = await request(ctx.app).get('/api/v1/funds');
    assert.equal(res.status, 200);
    assert.equal(res.body.data.length, 9);
    const fund = res.body.data.find((f: { slug: string }) => f.slug === 'education');
    assert.deepEqual(
      {
        raised: fund.raisedSatang,
        refunded: fund.refundedSatang,
        available: fund.availableSatang,
        goal: fund.goalSatang,
      },
      { raised: 175_050, refunded: 5_000, available: 170_050, goal: 50_000_000 },
    );
    assert.equal(fund.name.th, 'กองทุนเพื่อการศึกษา');
    assert.equal(fund.name.en, 'Education Fund');
    const one = await request(ctx.app).get('/api/v1/funds/education');
    assert.equal(one.body.data.raisedSatang, 175_050);
    const page = await request(ctx.app).get('/funds/education');
    assert.match(page.text, /฿1,750.50/);
    const missing = await request(ctx.app).get('/api/v1/funds/nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
  });

  it('counts a ledger movement once even when it is written twice', async () => {
    const fund = await Fund.findOne({ slug: 'media' });
    const entry = {
      movement: donationReceived(String(fund?._id), 10_000, 'bank'),
      ref: 'dup',
      idempotencyKey: 'dup:1',
    };
    assert.equal(await postEntry(entry), true);
    assert.equal(await postEntry(entry), false, 'the second write is a no-op');
    const [again] = await Promise.all([postEntry(entry), postEntry(entry)]);
    assert.equal(again, false);
    assert.equal(await JournalEntry.countDocuments({ idempotencyKey: 'dup:1' }), 1);
    invalidateTotals();
    const res = await request(ctx.app).get('/api/v1/funds/media');
    assert.equal(res.body.data.raisedSatang, 10_000);
  });

  it('answers unknown pages with a localized 404 page, and unknown API paths with JSON', async () => {
    const th = await request(ctx.app).get('/no/such/page');
    assert.equal(th.status, 404);
    assert.match(th.text, /ไม่พบหน้านี้/);
    const en = await request(ctx.app).get('/no/such/page').set('Cookie', 'lang=en');
    assert.match(en.text, /Page not found/);
    const api = await request(ctx.app).get('/api/v1/nothing');
    assert.equal(api.status, 404);
    assert.equal(api.body.error.code, 'not_found');
  });
});
