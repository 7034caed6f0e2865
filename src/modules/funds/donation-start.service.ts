/**
 * Starting a gift from the donate form: a Stripe Checkout when online payment is configured,
 * otherwise a pledge for a bank transfer (only when the foundation's transfer details are set).
 * A form carries a random submission id, so a double click starts one gift.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { RecurringGift } from './recurring-gift.model.js';
import { Fund } from './fund.model.js';
import { Campaign } from './campaign.model.js';
import {
  feeToCover,
  onlineAmountProblem,
  MAX_OFFLINE_SATANG,
  MAX_ONLINE_SATANG,
  MIN_ONLINE_SATANG,
  type Frequency,
} from './donation.rules.js';
import { paymentProvider, PaymentProviderError, setPaymentRefs, setSubscriptionRefs } from './payments/index.js';
import { events } from '../../shared/events.js';
import { logger } from '../../shared/logger.js';
import { cancelledPath, thanksPath } from './donation.links.js';
import { findOrCreateBySubmissionKey } from './donation-submission.js';
import { ConflictError, ServiceUnavailableError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { hasTransferInstructions } from './foundation-info.js';
import { satangToBaht, type Locale } from '../../shared/money.js';

const log = logger.child({ module: 'donations' });

export interface DonorInput {
  name: string;
  email: string;
  anonymous: boolean;
  userId?: string | undefined;
  locale: Locale;
}

export interface TaxReceiptInput {
  fullName: string;
  taxId: string;
  address: string;
  eDonationConsent: boolean;
}

export interface StartDonationInput {
  fundSlug: string;
  campaignSlug?: string | undefined;
  amountSatang: number;
  frequency: Frequency;
  donor: DonorInput;
  dedication?: string | undefined;
  taxReceipt?: TaxReceiptInput | undefined;
  /** A random id the form carries: submitting the same form twice starts one gift. */
  submissionId: string;
  baseUrl: string;
  /** The donor adds the card fee so the fund receives the whole gift (online only). */
  coverFee?: boolean | undefined;
  /** The donor asked for the campaign's updates by email. */
  followCampaign?: boolean | undefined;
}

export type StartDonationResult =
  { kind: 'redirect'; url: string; giftId: string } | { kind: 'pledged'; giftId: string; thanksPath: string };

export async function findDonatableFund(fundSlug: string, campaignSlug: string | undefined) {
  const fund = /^[a-z0-9-]{2,60}$/.test(fundSlug) ? await Fund.findOne({ slug: fundSlug, active: true }) : null;
  if (!fund) throw new NotFoundError('funds.notFound');
  if (!campaignSlug) return { fund, campaign: null };
  const campaign = /^[a-z0-9-]{2,60}$/.test(campaignSlug)
    ? await Campaign.findOne({ slug: campaignSlug, fundId: fund._id, active: true })
    : null;
  if (!campaign || campaign.endsAt.getTime() < Date.now()) {
    throw new ValidationError({ campaign: { key: 'donations.campaignClosed' } }, 'donations.campaignClosed');
  }
  return { fund, campaign };
}

function checkAmount(amountSatang: number, online: boolean): void {
  if (online) {
    const problem = onlineAmountProblem(amountSatang);
    if (problem === 'below_minimum')
      throw new ValidationError({
        amount: { key: 'donations.belowMinimum', params: { min: satangToBaht(MIN_ONLINE_SATANG) } },
      });
    if (problem === 'above_maximum')
      throw new ValidationError({
        amount: { key: 'donations.aboveMaximum', params: { max: satangToBaht(MAX_ONLINE_SATANG) } },
      });
  } else if (amountSatang < 100 || amountSatang > MAX_OFFLINE_SATANG) {
    throw new ValidationError({ amount: { key: 'donations.pledgeRange' } });
  }
}

type Named = { slug?: string; name?: { th?: string | null; en?: string | null } | null };

/** What the donor sees on the payment page: the fund's name (and the campaign's) in their language. */
function checkoutDescription(fund: Named, campaign: Named | null, locale: Locale): string {
  const fundName = fund.name?.[locale] ?? fund.slug;
  return campaign ? `${fundName} — ${campaign.name?.[locale]}` : `${fundName}`;
}

/**
 * Starts a gift from the donate form: a Checkout when online payment is configured, otherwise a
 * pledge for a bank transfer. A repeated submission returns the first one's outcome.
 */
export async function startDonation(input: StartDonationInput): Promise<StartDonationResult> {
  const provider = paymentProvider();
  // Without online payment a gift is a promise to transfer: taken only when donors can be told where to.
  if (!provider.online && !hasTransferInstructions()) throw new ConflictError('donations.givingNotOpen');
  const { fund, campaign } = await findDonatableFund(input.fundSlug, input.campaignSlug);
  // The fee is added to what the donor pays; the receipt is for all of it (the donor gave it all).
  const coveredFeeSatang = input.coverFee && provider.online ? feeToCover(input.amountSatang) : 0;
  const amountSatang = input.amountSatang + coveredFeeSatang;
  checkAmount(amountSatang, provider.online);
  if (input.frequency === 'monthly' && !provider.features.recurring) {
    throw new ValidationError({ frequency: { key: 'donations.monthlyNeedsOnline' } }, 'donations.monthlyNeedsOnline');
  }
  const submissionKey = `form:${input.submissionId}`;
  const common = {
    fundId: fund._id,
    campaignId: campaign?._id,
    amountSatang,
    ...(coveredFeeSatang > 0 ? { coveredFeeSatang } : {}),
    donor: { ...input.donor, userId: input.donor.userId ? new mongoose.Types.ObjectId(input.donor.userId) : undefined },
    dedication: input.dedication || undefined,
    taxReceipt: input.taxReceipt,
    ...(campaign && input.followCampaign && input.donor.email ? { campaignUpdates: true } : {}),
  };
  const Model = input.frequency === 'monthly' ? RecurringGift : Donation;
  const { doc: gift, created } =
    input.frequency === 'monthly'
      ? await findOrCreateBySubmissionKey(RecurringGift, submissionKey, () => ({ ...common, status: 'pending' }))
      : await findOrCreateBySubmissionKey(Donation, submissionKey, () => ({
          ...common,
          frequency: 'one_time',
          channel: provider.online ? 'online' : 'bank_transfer',
          status: provider.online ? 'pending' : 'pledged',
        }));
  if (!created) return repeatOutcome(Model, submissionKey);
  const giftId = gift._id.toString();

  if (!provider.online) {
    log.info({ donationId: giftId, amountSatang }, 'pledge recorded');
    await events.emit('donation.pledged', { donationId: giftId });
    return { kind: 'pledged', giftId, thanksPath: thanksPath(giftId) };
  }

  try {
    const started = await provider.startCheckout({
      reference: giftId,
      frequency: input.frequency,
      amountSatang,
      description: checkoutDescription(fund, campaign, input.donor.locale),
      email: input.donor.email,
      locale: input.donor.locale,
      successUrl: `${input.baseUrl}${thanksPath(giftId)}`,
      cancelUrl: `${input.baseUrl}${cancelledPath(giftId)}`,
      idempotencyKey: submissionKey,
    });
    const refs = { checkoutSessionId: started.sessionId, checkoutUrl: started.url };
    if (input.frequency === 'monthly') setSubscriptionRefs(gift, refs);
    else setPaymentRefs(gift, refs);
    await gift.save();
    log.info({ giftId, sessionId: started.sessionId, frequency: input.frequency }, 'checkout started');
    return { kind: 'redirect', url: started.url, giftId };
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    // Nothing was charged: remove the unfinished gift so a retry starts clean.
    await gift.deleteOne();
    log.error({ err: error, giftId }, 'could not start checkout');
    throw new ServiceUnavailableError('donations.paymentUnavailable');
  }
}

/**
 * The same form arrived again (a double click, a resent request). Its first submission may still
 * be waiting for Stripe: wait a little for the checkout URL so both land on the same page.
 */
async function repeatOutcome(
  Model: typeof Donation | typeof RecurringGift,
  submissionKey: string,
): Promise<StartDonationResult> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const gift = await (Model as typeof Donation).findOne({ submissionKey }).lean();
    if (!gift) throw new ServiceUnavailableError('donations.paymentUnavailable');
    const giftId = String(gift._id);
    const url = gift.stripe?.checkoutUrl;
    if (url && gift.status === 'pending') return { kind: 'redirect', url, giftId };
    if (gift.status !== 'pending' || Date.now() > deadline)
      return { kind: 'pledged', giftId, thanksPath: thanksPath(giftId) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function newSubmissionId(): string {
  return randomUUID();
}
