/**
 * Offline gifts, the money staff record: gifts that came by bank transfer, cash or cheque,
 * pledges whose transfer arrived, and refunds made outside Stripe. What an offline payment or
 * refund is, is the offline provider's (payments/offline.provider.ts); this service books it on
 * the gift. Each takes the acting person and checks the role itself. A staff refund runs under
 * the gift's lock and then the fund's (always in that order): what may still be refunded and
 * what the fund can pay are both read fresh inside them.
 */
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { confirmDonation, confirmLoaded, syncRefunds } from './donation.service.js';
import { findOrCreateBySubmissionKey } from './donation-submission.js';
import { findDonatableFund, type DonorInput, type TaxReceiptInput } from './donation-start.service.js';
import { closedThrough, withFundDebit } from '../accounting/index.js';
import { bangkokMonth } from '../../shared/dates.js';
import { offlineProvider } from './payments/index.js';
import { refundedTotal, MAX_OFFLINE_SATANG, type KnownRefund } from './donation.rules.js';
import type { OfflineChannel } from './payments/offline.provider.js';
import { isConfirmed, type DonationStatus } from './donation.status.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { withLock } from '../../shared/db/lock.js';
import { formatSatang, satangToBaht } from '../../shared/money.js';
import { logger } from '../../shared/logger.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';

const log = logger.child({ module: 'donations' });

export interface OfflineGiftInput {
  fundSlug: string;
  campaignSlug?: string | undefined;
  amountSatang: number;
  channel: OfflineChannel;
  receivedAt: Date;
  reference: string;
  /** `donor.locale` is the donor's language (the receipt email's), not the staff member's. */
  donor: DonorInput;
  dedication?: string | undefined;
  taxReceipt?: TaxReceiptInput | undefined;
  submissionId: string;
  /** The bank statement line the gift is recorded from. */
  statementLineId?: string | undefined;
}

function staffId(actor: Actor): mongoose.Types.ObjectId {
  assertRole(actor, 'staff', 'admin');
  return new mongoose.Types.ObjectId(actor.id);
}

/** Staff date money they received: never into a month the accountant has closed. */
async function assertOpenMonth(receivedAt: Date): Promise<void> {
  const closed = await closedThrough();
  if (closed && bangkokMonth(receivedAt) <= closed) {
    throw new ValidationError({ receivedAt: { key: 'accounting.errors.monthClosed' } });
  }
}

/** A gift that came by bank transfer, cash or cheque: confirmed at once, through the same journal and receipt path. */
export async function recordOfflineGift(actor: Actor, input: OfflineGiftInput): Promise<string> {
  const recordedBy = staffId(actor);
  await assertOpenMonth(input.receivedAt);
  const { fund, campaign } = await findDonatableFund(input.fundSlug, input.campaignSlug);
  if (input.amountSatang < 1 || input.amountSatang > MAX_OFFLINE_SATANG)
    throw new ValidationError({ amount: { key: 'validation.invalid' } });
  const payment = offlineProvider.receive({
    channel: input.channel,
    amountSatang: input.amountSatang,
    receivedAt: input.receivedAt,
    reference: input.reference,
  });
  const submissionKey = `offline:${input.submissionId}`;
  const { doc: donation } = await findOrCreateBySubmissionKey(Donation, submissionKey, () => ({
    fundId: fund._id,
    campaignId: campaign?._id,
    amountSatang: input.amountSatang,
    frequency: 'one_time',
    channel: payment.channel,
    status: 'pending',
    donor: { ...input.donor, userId: input.donor.userId ? new mongoose.Types.ObjectId(input.donor.userId) : undefined },
    dedication: input.dedication || undefined,
    taxReceipt: input.taxReceipt,
    receivedAt: payment.receivedAt,
    reference: payment.reference,
    recordedBy,
    statementLineId: input.statementLineId,
  }));
  const id = donation._id.toString();
  // A form sent again confirms the gift its first sending recorded.
  await confirmDonation(id, { ...payment, amountSatang: donation.amountSatang }, 'staff');
  log.info({ donationId: id, actorId: recordedBy.toString(), channel: input.channel }, 'offline gift recorded');
  return id;
}

export interface PledgeReceipt {
  /** What actually arrived, when it differs from the pledge (the gift is booked at this amount). */
  amountSatang?: number | undefined;
  /** The statement line it was matched from: confirming again from that line is a repeat, not a conflict. */
  statementLineId?: string | undefined;
}

/** Staff mark a pledge as received (the bank transfer arrived): once, under the gift's lock. */
export async function confirmPledge(
  actor: Actor,
  donationId: string,
  receivedAt: Date,
  reference: string,
  received: PledgeReceipt = {},
): Promise<void> {
  const recordedBy = staffId(actor);
  await assertOpenMonth(receivedAt);
  // An id that is no gift's is "not found" (never a cast error); the gift is read inside its lock.
  if (!mongoose.isValidObjectId(donationId)) throw new NotFoundError('donations.giftNotFound');
  const { amountSatang, statementLineId } = received;
  if (amountSatang !== undefined && (amountSatang < 1 || amountSatang > MAX_OFFLINE_SATANG))
    throw new ValidationError({ amount: { key: 'validation.invalid' } });
  await withLock(`donation:${donationId}`, async () => {
    const donation = await Donation.findById(donationId);
    if (!donation) throw new NotFoundError('donations.giftNotFound');
    const fromSameLine = statementLineId && String(donation.statementLineId ?? '') === statementLineId;
    if (fromSameLine && isConfirmed(donation.status as DonationStatus)) return;
    if (donation.status !== 'pledged') throw new ConflictError('donations.notAPledge');
    // Nothing of a pledge is booked yet: the gift becomes what arrived, and is booked once at that.
    if (amountSatang !== undefined) donation.amountSatang = amountSatang;
    const payment = offlineProvider.receive({
      channel: 'bank_transfer',
      amountSatang: donation.amountSatang,
      receivedAt,
      reference,
    });
    donation.channel = payment.channel;
    donation.reference = payment.reference;
    donation.receivedAt = payment.receivedAt;
    donation.recordedBy = recordedBy;
    if (statementLineId) donation.set('statementLineId', statementLineId);
    await confirmLoaded(donation, payment, 'staff');
    log.info({ donationId, actorId: recordedBy.toString(), statementLineId }, 'pledge confirmed');
  });
}

const refundAboveFund = (availableSatang: number) =>
  new ValidationError({
    amount: { key: 'donations.refundAboveFund', params: { available: formatSatang(Math.max(availableSatang, 0)) } },
  });

/**
 * A refund staff made outside Stripe (an offline gift returned): recorded as a new entry. Never
 * more than what is left of the gift, never more than the fund has available.
 */
export async function recordManualRefund(
  actor: Actor,
  donationId: string,
  amountSatang: number,
  submissionId: string,
): Promise<void> {
  const actorId = staffId(actor).toString();
  if (!mongoose.isValidObjectId(donationId)) throw new NotFoundError('donations.giftNotFound');
  const refundId = `staff:${submissionId}`;
  await withLock(`donation:${donationId}`, async () => {
    const donation = await Donation.findById(donationId);
    if (!donation) throw new NotFoundError('donations.giftNotFound');
    if (!isConfirmed(donation.status as DonationStatus)) throw new ConflictError('donations.refundNotPaid');
    if (donation.channel === 'online') throw new ConflictError('donations.refundOnlineInStripe');
    const refunds = donation.refunds as KnownRefund[];
    // The same form sent again: its refund is recorded already.
    if (refunds.some((r) => r.refundId === refundId)) return;
    const remaining =
      donation.amountSatang - refundedTotal(donation.amountSatang, refunds, donation.chargeAmountRefunded ?? 0);
    if (amountSatang < 1 || amountSatang > remaining) {
      throw new ValidationError({
        amount: { key: 'donations.refundTooLarge', params: { max: satangToBaht(remaining) } },
      });
    }
    await withFundDebit(
      donation.fundId.toString(),
      amountSatang,
      { kind: 'refuse', error: refundAboveFund },
      async () => {
        // Money returned by hand: the offline provider says it has succeeded, under this form's id.
        const refund = await offlineProvider.refund({ donationId, amountSatang, idempotencyKey: refundId });
        donation.set('refunds', [
          ...refunds.map((r) => ({ refundId: r.refundId, amountSatang: r.amountSatang, status: r.status })),
          { refundId: refund.refundId, amountSatang, status: refund.status },
        ]);
        await donation.save();
        await syncRefunds(donation, { fundLocked: true, by: 'staff' });
      },
    );
  });
  log.info({ donationId, actorId, amountSatang }, 'manual refund recorded');
}
