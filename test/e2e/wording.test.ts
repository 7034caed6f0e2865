import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { fundMoney, makeCall, makeOrg } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { Campaign } from '../../src/modules/funds/campaign.model.js';
import { bangkokDay } from '../../src/shared/dates.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

/** The page's text without tags, entities decoded as far as these checks need. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;|&#x3D;/g, (m) => (m === '&quot;' ? '"' : '='))
    .replace(/\s+/g, ' ');
}

/**
 * Issue 13, Everywhere 6: what the pages say. One of a thing is singular in English (through
 * i18next plurals; Thai has one form), staff recording a gift are asked for the donor's name, a bad
 * campaign short name says what a good one is, the all-funds transparency page is not "this fund",
 * and the donate form says the dedication is shown publicly.
 */
describe('wording: plurals and the words each page uses', () => {
  // A bank account, so the donate form is open (without a way to pay it says giving is not open).
  const ctx = useTestApp({ config: { FOUNDATION_BANK_ACCOUNT: 'ธนาคารกรุงไทย สาขาหาดใหญ่ เลขที่ 123-4-56789-0' } });
  let staffUser: PublicUser;
  let staff: ReturnType<typeof browser>;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staffUser = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ ถ้อยคำ' });
    staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
  });

  it('counts one gift as "1 gift" in English and keeps the Thai form', async () => {
    await fundMoney(staffUser, 'education', 500_00);
    const en = textOf((await staff.agent.get('/admin/donations?lang=en')).text);
    assert.match(en, /\b1 gift, ฿500(\.00)? in total/);
    assert.doesNotMatch(en, /\b1 gifts\b/);
    const th = textOf((await staff.agent.get('/admin/donations?lang=th')).text);
    assert.match(th, /1 รายการ รวม ฿500/);
  });

  it('counts one committee member as "1 committee member" and one organisation as "1 organisation"', async () => {
    const reviewer = await makeUser({ roles: ['reviewer'] });
    const callId = await makeCall(staffUser, { committeeEmails: [reviewer.email] });
    const call = textOf((await staff.agent.get(`/admin/calls/${callId}?lang=en`)).text);
    assert.match(call, /\b1 committee member\b/);
    assert.doesNotMatch(call, /\b1 committee members\b/);
    await makeOrg(staffUser, { nameTh: 'ชมรมถ้อยคำเอกพจน์' });
    const directory = textOf(
      (await staff.agent.get(`/directory?lang=en&q=${encodeURIComponent('ชมรมถ้อยคำเอกพจน์')}`)).text,
    );
    assert.match(directory, /\b1 organisation\b/);
    assert.doesNotMatch(directory, /\b1 organisations\b/);
  });

  it('asks staff recording an offline gift for the donor’s name, not "Your name"', async () => {
    const en = (await staff.agent.get('/admin/donations/new?lang=en')).text;
    assert.match(en, /<label for="f-name">Donor’s name/);
    assert.doesNotMatch(textOf(en), /Your name|Do not show my name|I want a receipt|I agree that/);
    assert.match(textOf(en), /The donor asked not to be named on public pages/);
    const th = (await staff.agent.get('/admin/donations/new?lang=th')).text;
    assert.match(th, /<label for="f-name">ชื่อผู้บริจาค/);
  });

  it('refuses a campaign short name with a message that says what a short name is (not "choose one of the options"), creating nothing', async () => {
    const page = await staff.agent.get('/admin/campaigns/new?lang=en');
    const before = await Campaign.countDocuments();
    const res = await staff.agent
      .post('/admin/campaigns')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        fund: 'education',
        slug: 'ทุนการศึกษา 2569',
        nameTh: 'ทุนการศึกษา',
        nameEn: 'Scholarships',
        goal: '10000',
        endsOn: bangkokDay(new Date(Date.now() + 30 * 86_400_000)),
      });
    assert.equal(res.status, 422);
    const text = textOf(res.text);
    assert.match(text, /A short name is 2 to 60 lower-case English letters, digits or dashes/);
    assert.doesNotMatch(text, /Please choose one of the options/);
    assert.equal(await Campaign.countDocuments(), before);
    const th = await staff.agent
      .post('/admin/campaigns?lang=th')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        fund: 'education',
        slug: 'A',
        nameTh: 'ก',
        nameEn: 'a',
        goal: '100',
        endsOn: bangkokDay(new Date(Date.now() + 86_400_000)),
      });
    assert.match(textOf(th.text), /ชื่อย่อใช้ตัวอักษรภาษาอังกฤษพิมพ์เล็ก/);
  });

  it('heads the all-funds transparency page’s grants "from all funds", and a fund’s own page "from this fund"', async () => {
    const all = textOf((await staff.agent.get('/transparency?lang=en')).text);
    assert.match(all, /Grants made from all funds/);
    assert.doesNotMatch(all, /Grants made from this fund/);
    const fund = textOf((await staff.agent.get('/funds/education?lang=en')).text);
    assert.match(fund, /Grants made from this fund/);
  });

  it('tells the donor on the donate form that a dedication is shown publicly', async () => {
    const en = textOf((await staff.agent.get('/funds/education/donate?lang=en')).text);
    assert.match(
      en,
      /In honour or memory of \(optional\) Shown publicly with your gift on this fund’s page \(unless you give anonymously\)/,
    );
    const th = textOf((await staff.agent.get('/funds/education/donate?lang=th')).text);
    assert.match(th, /จะแสดงต่อสาธารณะพร้อมการบริจาคของท่านในหน้ากองทุน/);
  });
});
