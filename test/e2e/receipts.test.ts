import assert from 'node:assert/strict';
import request from 'supertest';
import { PDFParse } from 'pdf-parse';
import { useTestApp, stripeTestConfig } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { checkoutSession, deliver, event } from '../helpers/stripe-events.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { deliverMail } from '../../src/shared/mail/mailer.js';
import { buddhistYear } from '../../src/shared/dates.js';
import { sign } from '../../src/shared/signing.js';

const YEAR = buddhistYear(new Date());

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  const result = await parser.getText();
  await parser.destroy();
  return result.text;
}

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('receipts, a donor’s gifts and yearly summaries', () => {
  const ctx = useTestApp({
    config: () => ({
      ...stripeTestConfig(),
      FOUNDATION_NAME_TH: 'มูลนิธิชุมชนสงขลา',
      FOUNDATION_NAME_EN: 'Songkhla Community Foundation',
      FOUNDATION_ADDRESS_TH: '123 ถนนราษฎร์อุทิศ อำเภอหาดใหญ่ จังหวัดสงขลา 90110',
      FOUNDATION_TAX_ID: '0-1055-12345-67-1',
    }),
  });
  let owner: Awaited<ReturnType<typeof makeUser>>;
  let ownerAgent: ReturnType<typeof browser>;
  let giftId: string;
  let englishGiftId: string;

  async function giveAndConfirm(agent: ReturnType<typeof browser>, fields: Record<string, string>, lang = 'th') {
    const page = await agent.agent.get(`/funds/education/donate?lang=${lang}`);
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const res = await agent.agent
      .post('/donate')
      .type('form')
      .send({
        fund: 'education',
        frequency: 'one_time',
        name: 'สมหญิง รักดี',
        email: 'somying@example.org',
        submissionId,
        _csrf: csrfFrom(page.text),
        ...fields,
      });
    assert.equal(res.status, 303);
    const donation = await Donation.findOne({ submissionKey: `form:${submissionId}` });
    const id = String(donation?._id);
    await deliver(ctx.app, event('checkout.session.completed', checkoutSession(id, donation?.amountSatang ?? 0)));
    return id;
  }

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    owner = await makeUser({ name: 'สมหญิง รักดี' });
    ownerAgent = browser(ctx.app);
    await ownerAgent.login(owner.email, PASSWORD);
    giftId = await giveAndConfirm(ownerAgent, {
      amount: 'other',
      customAmount: '1250',
      wantsTaxReceipt: 'on',
      taxFullName: 'นางสมหญิง รักดี',
      taxId: '0105512345671',
      taxAddress: '45 ถนนนิพัทธ์อุทิศ 3 หาดใหญ่ สงขลา',
      eDonationConsent: 'on',
      dedication: 'อุทิศแด่คุณยายเพ็ญ',
    });
    englishGiftId = await giveAndConfirm(ownerAgent, { amount: 'other', customAmount: '1250', name: 'Jane Doe' }, 'en');
  });

  it('the thank-you page confirms the gift and links the receipt', async () => {
    const donation = await Donation.findById(giftId);
    const thanks = await ownerAgent.agent.get(`/donate/thanks/${giftId}?lang=th&token=${sign('gift', giftId)}`);
    assert.equal(thanks.status, 200);
    assert.match(thanks.text, /ขอบคุณสำหรับการให้ของท่าน/);
    assert.match(thanks.text, /฿1,250/);
    assert.match(thanks.text, new RegExp(`/receipts/${giftId}\\?token(=|&#x3D;)`));
    assert.equal(donation?.status, 'paid');
    const forged = await request(ctx.app).get(`/donate/thanks/${giftId}?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(forged.status, 403);
  });

  it('renders the receipt PDF in Thai with the amount in words, Buddhist-era date, tax IDs and the e-Donation note', async () => {
    const res = await ownerAgent.agent.get(`/receipts/${giftId}`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), new RegExp(`receipt-${YEAR}-\\d{6}\\.pdf`));
    const text = await pdfText(res.body as Buffer);
    const receiptNumber = (await Donation.findById(giftId))?.receiptNumber as string;
    for (const expected of [
      'ใบเสร็จรับเงิน',
      'มูลนิธิชุมชนสงขลา',
      '0-1055-12345-67-1',
      receiptNumber,
      'นางสมหญิง รักดี',
      'กองทุนเพื่อการศึกษา',
      '฿1,250',
      'หนึ่งพันสองร้อยห้าสิบบาทถ้วน',
      String(YEAR),
      'e-Donation',
      'อุทิศแด่คุณยายเพ็ญ',
    ]) {
      assert.ok(text.includes(expected), `the receipt shows ${expected}:\n${text}`);
    }
    assert.ok(
      !text.includes(String.fromCharCode(0)) && !text.includes('\u200B'),
      'no invisible glyphs between Thai words',
    );
  });

  it('renders an English receipt for a donor who gave in English', async () => {
    const res = await ownerAgent.agent.get(`/receipts/${englishGiftId}`).buffer(true).parse(binary);
    const text = await pdfText(res.body as Buffer);
    assert.match(text, /Receipt/);
    assert.match(text, /One thousand two hundred fifty baht only/);
    assert.match(text, /Songkhla Community Foundation/);
    assert.match(text, new RegExp(String(YEAR - 543)));
  });

  it('emails the receipt with the PDF built at delivery', async () => {
    const mail = await MailMessage.findOne({ template: 'donationReceipt', 'attachments.refId': giftId });
    assert.ok(mail);
    await deliverMail(mail._id.toString());
    assert.equal((await MailMessage.findById(mail._id))?.status, 'sent');
    assert.match(mail.deliveryText ?? '', /\/receipts\/[a-f0-9]{24}\?token=/);
    assert.doesNotMatch(mail.text, /token=/, 'the outbox copy hides the signed link');
  });

  it('opens a receipt for its donor, staff or the emailed link, and nobody else', async () => {
    const anonymous = await request(ctx.app).get(`/receipts/${giftId}`);
    assert.equal(anonymous.status, 403);
    const stranger = await makeUser();
    const other = browser(ctx.app);
    await other.login(stranger.email, PASSWORD);
    assert.equal((await other.agent.get(`/receipts/${giftId}`)).status, 403);
    assert.equal((await other.agent.get(`/receipts/${giftId}?token=wrong`)).status, 403);
    const mail = await MailMessage.findOne({ template: 'donationReceipt', 'attachments.refId': giftId });
    const link = /\/receipts\/[a-f0-9]{24}\?token=[\w-]+/.exec(mail?.deliveryText ?? '')?.[0] as string;
    assert.equal((await request(ctx.app).get(link)).status, 200);
    const staff = await makeUser({ roles: ['staff'] });
    const staffAgent = browser(ctx.app);
    await staffAgent.login(staff.email, PASSWORD);
    assert.equal((await staffAgent.agent.get(`/receipts/${giftId}`)).status, 200);
    assert.equal((await request(ctx.app).get('/receipts/not-an-id?token=x')).status, 403);
  });

  it('lists a donor’s own gifts only, with receipt links and yearly summaries', async () => {
    const list = await ownerAgent.agent.get('/account/gifts');
    assert.equal(list.status, 200);
    assert.match(list.text, new RegExp(`/receipts/${giftId}`));
    assert.match(list.text, new RegExp(`/account/gifts/summary/${YEAR}`));
    const stranger = await makeUser();
    const other = browser(ctx.app);
    await other.login(stranger.email, PASSWORD);
    const theirs = await other.agent.get('/account/gifts');
    assert.doesNotMatch(theirs.text, new RegExp(giftId));
    assert.match(theirs.text, /ท่านยังไม่มีรายการบริจาค/);
    assert.equal((await request(ctx.app).get('/account/gifts')).status, 302, 'anonymous visitors go to login');
  });

  it('downloads the yearly tax summary as a PDF with every receipt and the total in words', async () => {
    const res = await ownerAgent.agent.get(`/account/gifts/summary/${YEAR}?lang=th`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    const text = await pdfText(res.body as Buffer);
    assert.match(text, new RegExp(`สรุปยอดบริจาคประจำปี ${YEAR}`));
    assert.match(text, /฿2,500/);
    assert.match(text, /สองพันห้าร้อยบาทถ้วน/);
    assert.equal((await ownerAgent.agent.get(`/account/gifts/summary/${YEAR - 5}`)).status, 404);
    assert.equal((await ownerAgent.agent.get('/account/gifts/summary/abc')).status, 422);
  });
});
