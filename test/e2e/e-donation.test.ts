/**
 * e-Donation end to end (issue 16): confirmed gifts whose donors gave a valid ID and consented
 * wait in the staff queue; a gift a bank's QR reported already is set aside; a batch is prepared
 * once however many clicks, its file has every field the Revenue Department's key-in asks for,
 * it is marked sent (donors then see the date) and confirmed; a refund of a reported gift sends a
 * correction in a new batch, with the journal balanced and the fund's money exact throughout.
 * Tax deductions per fund (2× needs its legal basis) reach the donate page and the receipt.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { browser } from '../helpers/agent.js';
import { makeDonation, makeUser, PASSWORD } from '../helpers/factories.js';
import { collectionStates, changedCollections } from '../helpers/db-state.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { EDonationBatch } from '../../src/modules/funds/e-donation-batch.model.js';
import { prepareBatch } from '../../src/modules/funds/e-donation.service.js';
import { recordManualRefund } from '../../src/modules/funds/donation-offline.service.js';
import { receiptView } from '../../src/modules/funds/receipt.service.js';
import { configureFoundation, foundationInfo } from '../../src/modules/funds/foundation-info.js';
import { trialBalance } from '../../src/modules/accounting/books.service.js';
import { fundTotalsNow } from '../../src/modules/accounting/journal.service.js';
import { ConflictError } from '../../src/shared/errors.js';
import { bangkokDay } from '../../src/shared/dates.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

const PERSON_ID = '1101700203450';
const COMPANY_ID = '0994000165960';

describe('e-Donation: queue, batches, file, reported and confirmed, corrections', function () {
  this.timeout(60_000);
  const ctx = useTestApp({
    config: { FOUNDATION_EDONATION_REGISTERED: 'true', FOUNDATION_BANK_ACCOUNT: 'ธนาคารออมสิน 020-1-23456-7' },
  });
  let staffUser: PublicUser;
  let donorUser: PublicUser;
  let staff: ReturnType<typeof browser>;
  let educationId: string;
  const gifts = {} as Record<'person' | 'company' | 'byBank' | 'noConsent', string>;

  const taxed = (fullName: string, taxId: string, eDonationConsent = true) => ({
    fullName,
    taxId,
    address: '12 ถนนนครใน ตำบลบ่อยาง อำเภอเมืองสงขลา',
    eDonationConsent,
  });

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staffUser = await makeUser({ roles: ['staff'] });
    donorUser = await makeUser({ name: 'สมชาย ใจดี' });
    staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
    educationId = String((await Fund.findOne({ slug: 'education' }).lean())?._id);
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
    gifts.person = await makeDonation(staffUser, {
      amountSatang: 2_000_00,
      receivedAt: at(3),
      donor: { name: 'สมชาย ใจดี', email: donorUser.email, anonymous: false, locale: 'th', userId: donorUser.id },
      taxReceipt: taxed('นายสมชาย ใจดี', PERSON_ID),
    });
    gifts.company = await makeDonation(staffUser, {
      amountSatang: 15_000_50,
      receivedAt: at(2),
      taxReceipt: taxed('บริษัท สงขลาพัฒนา จำกัด', COMPANY_ID),
    });
    gifts.byBank = await makeDonation(staffUser, { amountSatang: 500_00, taxReceipt: taxed('นางมาลี ดีงาม', PERSON_ID) });
    gifts.noConsent = await makeDonation(staffUser, {
      amountSatang: 700_00,
      taxReceipt: taxed('นายไม่ ยินยอม', PERSON_ID, false),
    });
  });

  async function balancedJournal() {
    const balance = await trialBalance(staffUser, undefined);
    assert.equal(balance.balanced, true, 'the journal is balanced');
  }

  it('queues confirmed gifts with consent and a valid ID, and sets aside one the bank reported', async () => {
    const page = await staff.agent.get('/admin/e-donation');
    assert.equal(page.status, 200);
    assert.match(page.text, /รอส่งให้กรมสรรพากร \(3 รายการ\)/);
    assert.match(page.text, new RegExp(COMPANY_ID));
    assert.equal((await Donation.findById(gifts.noConsent).lean())?.eDonationStatus, undefined);
    const res = await staff.submit('/admin/e-donation', `/admin/e-donation/gifts/${gifts.byBank}/reported-by-bank`, {});
    assert.equal(res.status, 303);
    assert.equal((await Donation.findById(gifts.byBank).lean())?.eDonationStatus, 'reported_by_bank');
    assert.match((await staff.agent.get('/admin/e-donation')).text, /รอส่งให้กรมสรรพากร \(2 รายการ\)/);
  });

  let batchId: string;

  it('prepares one batch however many clicks, and refuses an empty queue changing nothing', async () => {
    const results = await Promise.allSettled([prepareBatch(staffUser), prepareBatch(staffUser)]);
    const made = results.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled');
    assert.equal(made.length, 1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(refused.reason instanceof ConflictError);
    batchId = made[0]?.value as string;
    const batch = await EDonationBatch.findById(batchId).lean();
    assert.equal(batch?.lines.length, 2);
    assert.equal(batch?.totalSatang, 17_000_50);

    const before = await collectionStates();
    const again = await staff.submit('/admin/e-donation', '/admin/e-donation/batches', {});
    assert.equal(again.status, 409);
    assert.match(again.text, /ไม่มีการบริจาคที่รอส่ง จึงไม่มีชุดข้อมูลให้เตรียม/);
    assert.deepEqual(changedCollections(before, await collectionStates()), []);
  });

  it('exports the batch with every field the key-in asks for, in Thai, Excel-ready', async () => {
    const res = await staff.agent.get(`/admin/e-donation/batches/${batchId}/export.csv`).buffer(true);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const text = String(res.text);
    assert.ok(text.startsWith('\uFEFF'), 'a BOM so Excel reads Thai');
    const [header, first, second] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    assert.equal(
      header,
      'ลำดับ,เลขประจำตัวผู้เสียภาษีอากรผู้บริจาค,ประเภทผู้บริจาค,ชื่อผู้บริจาค,วันที่บริจาค,ประเภทการบริจาค,' +
        'จำนวนเงิน/มูลค่า (บาท),รายละเอียดทรัพย์สิน,เลขที่ใบเสร็จ,รายการแก้ไข',
    );
    const person = await Donation.findById(gifts.person).lean();
    const day = bangkokDay(person?.paidAt as Date).split('-');
    const thaiDate = `${day[2]}/${day[1]}/${Number(day[0]) + 543}`;
    assert.equal(
      first,
      `1,${PERSON_ID},บุคคลธรรมดา,นายสมชาย ใจดี,${thaiDate},เงิน,2000.00,,${person?.receiptNumber},ไม่ใช่`,
    );
    assert.match(second ?? '', new RegExp(`^2,${COMPANY_ID},นิติบุคคล,บริษัท สงขลาพัฒนา จำกัด,.*,เงิน,15000\\.50,,`));
  });

  it('marks the batch sent on a date (never a future one), and the donor sees it', async () => {
    const path = `/admin/e-donation/batches/${batchId}`;
    const future = await staff.submit(path, `${path}/reported`, {
      reportedOn: bangkokDay(new Date(Date.now() + 2 * 86_400_000)),
    });
    assert.equal(future.status, 422);
    assert.match(future.text, /วันที่ส่งต้องไม่เป็นวันในอนาคต/);
    assert.equal((await Donation.findById(gifts.person).lean())?.eDonationStatus, 'to_report');
    const today = bangkokDay(new Date());
    assert.equal((await staff.submit(path, `${path}/reported`, { reportedOn: today })).status, 303);
    const person = await Donation.findById(gifts.person).lean();
    assert.equal(person?.eDonationStatus, 'reported');
    assert.equal(String(person?.eDonationReportedBy), staffUser.id);
    const donor = browser(ctx.app);
    await donor.login(donorUser.email, PASSWORD);
    const mine = await donor.agent.get('/account/gifts');
    assert.match(mine.text, /ส่งข้อมูลให้กรมสรรพากรแล้วเมื่อ/);
    assert.match(mine.text, /ตรวจสอบข้อมูลการบริจาคของท่านได้ที่เว็บไซต์กรมสรรพากร/);
    assert.ok((await receiptView(gifts.person)).eDonationReportedAt, 'the receipt says it was reported');
    assert.equal((await staff.submit(path, `${path}/confirmed`, {})).status, 303);
    assert.equal((await Donation.findById(gifts.company).lean())?.eDonationStatus, 'confirmed');
    assert.equal((await EDonationBatch.findById(batchId).lean())?.status, 'confirmed');
  });

  it('sends a refund of a reported gift as a correction in a new batch, the books exact', async () => {
    const before = await fundTotalsNow(educationId);
    await recordManualRefund(staffUser, gifts.person, 500_00, randomUUID());
    const after = await fundTotalsNow(educationId);
    assert.equal(before.availableSatang - after.availableSatang, 500_00);
    assert.equal(after.refundedSatang - before.refundedSatang, 500_00);
    await balancedJournal();
    const person = await Donation.findById(gifts.person).lean();
    assert.equal(person?.eDonationStatus, 'to_report');
    assert.equal(person?.eDonationCorrection, true);
    assert.match((await staff.agent.get('/admin/e-donation')).text, /แก้ไข/);
    const correctionBatch = await prepareBatch(staffUser);
    const batch = await EDonationBatch.findById(correctionBatch).lean();
    assert.equal(batch?.number, 2);
    assert.equal(batch?.lines.length, 1);
    assert.equal(batch?.lines[0]?.amountSatang, 1_500_00, 'what is left of the gift');
    assert.equal(batch?.lines[0]?.correction, true);
    // The first batch stays as it was sent.
    assert.equal((await EDonationBatch.findById(batchId).lean())?.lines[0]?.amountSatang, 2_000_00);
    // Not sent after all: cancelled, the gift waits again.
    const path = `/admin/e-donation/batches/${correctionBatch}`;
    assert.equal((await staff.submit(path, `${path}/cancel`, {})).status, 303);
    const waiting = await Donation.findById(gifts.person).lean();
    assert.equal(waiting?.eDonationBatchId, undefined);
    assert.equal(waiting?.eDonationStatus, 'to_report');
  });

  it('lets staff send a confirmed gift again as a correction (a wrong ID), and not a gift never reported', async () => {
    const gift = `/admin/donations/${gifts.company}`;
    assert.match((await staff.agent.get(gift)).text, /ส่งแก้ไขในชุดถัดไป/);
    assert.equal((await staff.submit(gift, `/admin/e-donation/gifts/${gifts.company}/correct`, {})).status, 303);
    assert.equal((await Donation.findById(gifts.company).lean())?.eDonationCorrection, true);
    const refused = await staff.submit(gift, `/admin/e-donation/gifts/${gifts.noConsent}/correct`, {});
    assert.equal(refused.status, 409);
  });

  it('refuses to prepare a batch while the foundation is not registered', async () => {
    const registered = foundationInfo();
    configureFoundation({ ...registered, eDonationRegistered: false });
    try {
      await assert.rejects(prepareBatch(staffUser), (e: unknown) => e instanceof ConflictError);
      assert.match((await staff.agent.get('/admin/e-donation')).text, /ยังไม่ได้ตั้งค่าว่าลงทะเบียนกับระบบ e-Donation/);
    } finally {
      configureFoundation(registered);
    }
  });

  it('takes a gift refunded while its batch waits to be sent out of that batch, and says the file is stale', async () => {
    const id = await prepareBatch(staffUser);
    const batch = await EDonationBatch.findById(id).lean();
    assert.deepEqual(batch?.lines.map((l) => String(l.donationId)).sort(), [gifts.person, gifts.company].sort());
    await recordManualRefund(staffUser, gifts.company, 1_000_00, randomUUID());
    const company = await Donation.findById(gifts.company).lean();
    assert.equal(company?.eDonationBatchId, undefined);
    assert.equal(company?.eDonationStatus, 'to_report');
    const page = await staff.agent.get(`/admin/e-donation/batches/${id}`);
    assert.match(page.text, /มี 1 รายการออกจากชุดนี้หลังเตรียม/);
    await balancedJournal();
  });

  it('finishes a batch whose preparing was cut short instead of making a second one', async () => {
    const company = await Donation.findById(gifts.company).lean();
    // As a crash leaves it: the batch written, its gift not yet marked.
    const cut = await EDonationBatch.create({
      number: 99,
      status: 'preparing',
      lines: [
        {
          donationId: company?._id,
          taxId: COMPANY_ID,
          name: 'บริษัท สงขลาพัฒนา จำกัด',
          amountSatang: 14_000_50,
          paidAt: company?.paidAt,
          receiptNumber: company?.receiptNumber,
          correction: true,
        },
      ],
      totalSatang: 14_000_50,
      preparedBy: new mongoose.Types.ObjectId(staffUser.id),
    });
    const batches = await EDonationBatch.countDocuments({});
    assert.equal(await prepareBatch(staffUser), String(cut._id));
    assert.equal(await EDonationBatch.countDocuments({}), batches, 'no new batch');
    assert.equal((await EDonationBatch.findById(cut._id).lean())?.status, 'prepared');
    assert.equal(String((await Donation.findById(gifts.company).lean())?.eDonationBatchId), String(cut._id));
  });

  it('sets a fund’s deduction to 2× only with its legal basis, shown on the donate page and the receipt', async () => {
    const page = '/admin/e-donation/deductions';
    const action = `/admin/e-donation/deductions/funds/${educationId}`;
    const noBasis = await staff.submit(page, action, { multiplier: '2', basisTh: '', basisEn: '' });
    assert.equal(noBasis.status, 422);
    assert.match(noBasis.text, /กรุณาระบุข้อกฎหมายที่ให้ลดหย่อน 2 เท่า/);
    const basis = 'ตามพระราชกฤษฎีกาว่าด้วยการยกเว้นรัษฎากร (ฉบับที่ 420)';
    assert.equal((await staff.submit(page, action, { multiplier: '2', basisTh: basis, basisEn: '' })).status, 303);
    const donate = await staff.agent.get('/funds/education/donate');
    assert.match(donate.text, /การบริจาคนี้ลดหย่อนภาษีได้ 2 เท่า/);
    assert.match(donate.text, /ฉบับที่ 420/);
    const receipt = await receiptView(gifts.company);
    assert.equal(receipt.deduction.multiplier, 2);
    assert.equal(receipt.deduction.basis.th, basis);
    // Back to the general rule.
    assert.equal((await staff.submit(page, action, { multiplier: '', basisTh: '', basisEn: '' })).status, 303);
    assert.equal((await receiptView(gifts.company)).deduction.multiplier, 1);
    assert.equal(
      await Fund.countDocuments({ _id: new mongoose.Types.ObjectId(educationId), deduction: { $exists: true } }),
      0,
    );
  });
});
