/**
 * A pledge's PromptPay QR: the thank-you page and the pledge email carry a QR for the exact
 * amount, decoded here from the image itself (pngjs + jsQR) and checked tag by tag with
 * promptparse, CRC included: tag 29 to the PromptPay ID, or tag 30 with the pledge's reference.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';
import { parse } from 'promptparse';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { deliverMail } from '../../src/shared/mail/mailer.js';
import { giftCodeOf } from '../../src/modules/funds/donation.rules.js';

// jsqr is CommonJS with an ES-style default: under Node's ESM loader the function sits on `.default`.
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: JsQr }).default ?? jsQRModule) as unknown as JsQr;

/** The text a QR image holds, read from its pixels. */
function readQr(png: Buffer): string {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  assert.ok(code, 'a QR code is found in the image');
  return code.data;
}

function qrOnPage(html: string): Buffer {
  const src = /<figure class="promptpay-qr">\s*<img src="data:image\/png;base64,([^"]+)"/.exec(html)?.[1];
  assert.ok(src, 'the page shows the QR image');
  // Handlebars writes "=" as an entity in attributes (a browser reads it back the same way).
  return Buffer.from(src.replace(/&#x3D;/g, '='), 'base64');
}

async function pledge(app: Parameters<typeof browser>[0], amount: string, agent = browser(app)) {
  const res = await agent.submit('/donate', '/donate', {
    fund: 'education',
    amount: 'other',
    customAmount: amount,
    frequency: 'one_time',
    name: 'ผู้ใจบุญ',
    email: 'qr@example.org',
    submissionId: randomUUID(),
  });
  assert.equal(res.status, 303);
  const thanks = await agent.agent.get(res.headers.location as string);
  assert.equal(thanks.status, 200);
  const gift = await Donation.findOne({}).sort({ createdAt: -1 }).lean();
  assert.equal(gift?.status, 'pledged');
  return { html: thanks.text, giftId: String(gift?._id) };
}

describe('PromptPay QR for a pledge, to the foundation’s PromptPay ID (tag 29)', () => {
  const ctx = useTestApp({ config: { FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1' } });
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  it('shows a QR for the exact amount that a banking app reads, with a valid CRC', async () => {
    const { html } = await pledge(ctx.app, '1,250.50');
    const payload = readQr(qrOnPage(html));
    const qr = parse(payload, true, true);
    assert.ok(qr, 'an EMVCo payload');
    assert.equal(qr.validate('63'), true, 'the CRC matches');
    assert.equal(qr.getTagValue('01'), '12', 'dynamic: for this amount only');
    assert.equal(qr.getTagValue('29', '00'), 'A000000677010111', 'PromptPay credit transfer');
    assert.equal(qr.getTagValue('29', '02'), '0994000123451', 'to the foundation’s tax ID');
    assert.equal(qr.getTagValue('53'), '764', 'in baht');
    assert.equal(qr.getTagValue('54'), '1250.50');
    assert.equal(qr.getTagValue('58'), 'TH');
    assert.match(html, /สแกนด้วยแอปธนาคาร ยอดเงิน ฿1,250.50/);
    assert.match(html, /alt="คิวอาร์โค้ดพร้อมเพย์ สำหรับโอน ฿1,250.50"/);
  });

  it('attaches the same QR to the pledge email', async () => {
    const { giftId } = await pledge(ctx.app, '300');
    const mail = await MailMessage.findOne({ template: 'donationPledge', to: 'qr@example.org' }).sort({
      createdAt: -1,
    });
    assert.ok(mail);
    assert.deepEqual(
      (mail.attachments ?? []).map((a) => ({ kind: a.kind, refId: a.refId })),
      [{ kind: 'pledge-qr', refId: giftId }],
    );
    // Delivery builds the file (the outbox keeps it when no SMTP is set): it must not fail.
    await deliverMail(String(mail._id));
    assert.equal((await MailMessage.findById(mail._id))?.status, 'sent');
  });

  it('shows the QR again on the donor’s own gifts page while the pledge waits', async () => {
    const user = await makeUser({ email: 'pledger@example.org' });
    const donor = browser(ctx.app);
    await donor.login(user.email, PASSWORD);
    const { giftId } = await pledge(ctx.app, '777', donor);
    const page = await donor.agent.get('/account/gifts');
    assert.equal(page.status, 200);
    assert.match(page.text, /รอการโอนเงิน/);
    assert.match(page.text, new RegExp(giftCodeOf(giftId)));
    const qr = parse(readQr(qrOnPage(page.text)), true, true);
    assert.equal(qr?.getTagValue('54'), '777.00');
    // Once staff confirm the transfer, the pledge no longer waits.
    await Donation.updateOne({ _id: giftId }, { $set: { status: 'paid' } });
    assert.doesNotMatch((await donor.agent.get('/account/gifts')).text, /รอการโอนเงิน/);
  });
});

describe('PromptPay QR for a pledge, with the foundation’s biller ID (tag 30)', () => {
  const ctx = useTestApp({
    config: { FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1', FOUNDATION_PROMPTPAY_BILLER_ID: '0994000123451-01' },
  });
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  it('carries the pledge’s reference, so the bank statement names the gift', async () => {
    const { html, giftId } = await pledge(ctx.app, '500');
    const qr = parse(readQr(qrOnPage(html)), true, true);
    assert.ok(qr?.validate('63'));
    assert.equal(qr?.getTagValue('30', '00'), 'A000000677010112', 'PromptPay bill payment');
    assert.equal(qr?.getTagValue('30', '01'), '099400012345101');
    assert.equal(qr?.getTagValue('30', '02'), giftCodeOf(giftId));
    assert.equal(qr?.getTagValue('54'), '500.00');
    assert.match(html, new RegExp(giftCodeOf(giftId)));
  });
});

describe('a transfer slip sent with a pledge', () => {
  const ctx = useTestApp({ config: { FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1' } });
  const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6c1d50000000049454e44ae426082',
    'hex',
  );
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  async function pledgePage() {
    const agent = browser(ctx.app);
    const res = await agent.submit('/donate', '/donate', {
      fund: 'education',
      amount: '500',
      frequency: 'one_time',
      name: 'ผู้ส่งสลิป',
      email: 'slip@example.org',
      submissionId: randomUUID(),
    });
    const thanksUrl = res.headers.location as string;
    const thanks = await agent.agent.get(thanksUrl);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(thanks.text)?.[1];
    assert.ok(action, 'the pledge page offers the slip form');
    const id = /\/donate\/thanks\/([a-f0-9]{24})/.exec(thanksUrl)?.[1] as string;
    return { agent, thanks, action: action.replace(/&amp;/g, '&').replace(/&#x3D;/g, '='), id };
  }

  it('keeps the slip on the pledge from the signed link, and staff open it beside the pledge', async () => {
    const { agent, thanks, action, id } = await pledgePage();
    const sent = await agent.agent.post(action).field('_csrf', csrfFrom(thanks.text)).attach('slip', PNG, 'สลิป.png');
    assert.equal(sent.status, 303, sent.text.slice(0, 300));
    assert.match((await agent.agent.get(sent.headers.location as string)).text, /ได้รับสลิปแล้ว/);
    const gift = await Donation.findById(id).lean();
    assert.equal(gift?.slips?.length, 1);
    assert.equal(gift?.slips?.[0]?.contentType, 'image/png');
    const staffUser = await makeUser({ roles: ['staff'] });
    const staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
    const page = await staff.agent.get(`/admin/donations/${id}`);
    assert.match(page.text, /สลิปการโอนจากผู้บริจาค/);
    const href = new RegExp(`/admin/donations/${id}/slips/[a-f0-9]{24}`).exec(page.text)?.[0] as string;
    const file = await staff.agent.get(href).buffer(true);
    assert.equal(file.status, 200);
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(Buffer.from(file.body as Buffer), PNG);
    assert.equal((await agent.agent.get(href)).status, 302, 'a visitor is sent to log in, not given the file');
  });

  it('refuses a slip without the link, of the wrong type, or for a gift no longer waiting, keeping nothing', async () => {
    const { agent, thanks, action, id } = await pledgePage();
    const csrf = csrfFrom(thanks.text);
    const files = () => mongoose.connection.collection('uploads.files').countDocuments();
    const before = await files();
    const forged = await agent.agent
      .post(`/donate/thanks/${id}/slip?token=forged`)
      .field('_csrf', csrf)
      .attach('slip', PNG, 'slip.png');
    assert.equal(forged.status, 403);
    const text = await agent.agent
      .post(action)
      .field('_csrf', csrf)
      .attach('slip', Buffer.from('not a picture'), 'slip.png');
    assert.equal(text.status, 422);
    assert.match(text.text, /class="field-error"[^>]*>[^<]*(PDF|JPG|PNG)/);
    const none = await agent.agent.post(action).field('_csrf', csrf);
    assert.equal(none.status, 422);
    assert.match(none.text, /กรุณาเลือกไฟล์สลิป/);
    await Donation.updateOne({ _id: id }, { $set: { status: 'paid' } });
    const late = await agent.agent.post(action).field('_csrf', csrf).attach('slip', PNG, 'slip.png');
    assert.equal(late.status, 409);
    assert.equal(await files(), before, 'no file kept');
    assert.equal((await Donation.findById(id).lean())?.slips?.length ?? 0, 0);
  });
});
