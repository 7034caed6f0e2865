/**
 * A pledge's PromptPay QR: the thank-you page and the pledge email carry a QR for the exact
 * amount, decoded here from the image itself (pngjs + jsQR) and checked tag by tag with
 * promptparse, CRC included: tag 29 to the PromptPay ID, or tag 30 with the pledge's reference.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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
  const page = await agent.agent.get('/donate');
  const res = await agent.agent
    .post('/donate')
    .type('form')
    .send({
      fund: 'education',
      amount: 'other',
      customAmount: amount,
      frequency: 'one_time',
      name: 'ผู้ใจบุญ',
      email: 'qr@example.org',
      submissionId: randomUUID(),
      _csrf: csrfFrom(page.text),
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
