/**
 * Pledges that wait: reminded once after PLEDGE_REMIND_AFTER_DAYS (with the QR again), lapsed
 * after PLEDGE_LAPSE_AFTER_DAYS; a run repeated changes nothing more, and paid gifts are left alone.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { browser } from '../helpers/agent.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { followUpPledges } from '../../src/modules/funds/pledge-followup.service.js';

const DAY = 86_400_000;

describe('pledges that wait: one reminder, then they lapse', () => {
  const ctx = useTestApp({
    config: {
      FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1',
      PLEDGE_REMIND_AFTER_DAYS: '5',
      PLEDGE_LAPSE_AFTER_DAYS: '20',
    },
  });
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  async function pledgeMadeDaysAgo(days: number, email: string): Promise<string> {
    const res = await browser(ctx.app).submit('/donate', '/donate', {
      fund: 'education',
      amount: '300',
      frequency: 'one_time',
      name: 'ผู้ให้คำมั่น',
      email,
      submissionId: randomUUID(),
    });
    assert.equal(res.status, 303);
    const gift = await Donation.findOne({ 'donor.email': email }).lean();
    assert.equal(gift?.status, 'pledged');
    // Made earlier: written through the driver (mongoose keeps createdAt as it was set on creation).
    await Donation.collection.updateOne({ _id: gift!._id }, { $set: { createdAt: new Date(Date.now() - days * DAY) } });
    return String(gift!._id);
  }

  it('reminds a pledge once after five days, with the QR attached, and lapses one after twenty', async () => {
    const fresh = await pledgeMadeDaysAgo(1, 'fresh@example.org');
    const due = await pledgeMadeDaysAgo(6, 'due@example.org');
    const old = await pledgeMadeDaysAgo(21, 'old@example.org');
    const first = await followUpPledges();
    assert.deepEqual(first, { reminded: 1, lapsed: 1 });
    const reminders = await MailMessage.find({ template: 'donationPledgeReminder' }).lean();
    assert.deepEqual(
      reminders.map((m) => m.to),
      ['due@example.org'],
    );
    assert.match(reminders[0]?.subject ?? '', /ยังรอการโอนเงินบริจาคของท่าน/);
    assert.match(reminders[0]?.text ?? '', /20 วัน/);
    assert.deepEqual(
      (reminders[0]?.attachments ?? []).map((a) => a.kind),
      ['pledge-qr'],
    );
    assert.equal((await Donation.findById(old).lean())?.status, 'expired');
    assert.equal((await Donation.findById(due).lean())?.status, 'pledged');
    assert.ok((await Donation.findById(due).lean())?.pledgeRemindedAt);
    assert.equal((await Donation.findById(fresh).lean())?.pledgeRemindedAt, undefined);

    assert.deepEqual(await followUpPledges(), { reminded: 0, lapsed: 0 }, 'a second run does nothing more');
    assert.equal(await MailMessage.countDocuments({ template: 'donationPledgeReminder' }), 1);
  });

  it('leaves a pledge that was paid alone, however old', async () => {
    const paid = await pledgeMadeDaysAgo(40, 'paid@example.org');
    await Donation.updateOne({ _id: new mongoose.Types.ObjectId(paid) }, { $set: { status: 'paid' } });
    assert.deepEqual(await followUpPledges(), { reminded: 0, lapsed: 0 });
    assert.equal((await Donation.findById(paid).lean())?.status, 'paid');
  });
});
