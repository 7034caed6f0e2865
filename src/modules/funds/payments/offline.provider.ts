/**
 * The offline provider: money that reaches the foundation by bank transfer, cash or cheque and
 * is recorded by staff (Open Collective's manual payment method). It takes no money online: when
 * Stripe is not configured it stands in as `paymentProvider()`, and donors can only promise a
 * transfer. Its payments and refunds have already happened when staff record them.
 */
import { OFFLINE_CHANNELS } from '../donation.rules.js';
import { ValidationError } from '../../../shared/errors.js';
import {
  PaymentProviderError,
  type ConfirmedPayment,
  type PaymentProvider,
  type RefundRequest,
  type RefundStarted,
} from './payment-provider.js';

export type OfflineChannel = (typeof OFFLINE_CHANNELS)[number];

/** A payment staff saw arrive. */
export interface OfflineReceipt {
  channel: OfflineChannel;
  amountSatang: number;
  receivedAt: Date;
  /** The bank or cheque reference. */
  reference: string;
}

/** What is kept on the gift about an offline payment, beside the payment itself. */
export interface OfflinePayment extends ConfirmedPayment {
  channel: OfflineChannel;
  receivedAt: Date;
  reference: string;
}

/** A clock a minute fast on the staff member's machine is not "the future". */
const CLOCK_SLACK_MS = 60_000;

export const offlineProvider: PaymentProvider & {
  receive(receipt: OfflineReceipt): OfflinePayment;
} = {
  name: 'offline',
  online: false,
  features: { card: false, promptpay: false, recurring: false, refund: true, offline: true },
  startCheckout: () => Promise.reject(new PaymentProviderError('online payment is not configured')),
  getCheckout: () => Promise.reject(new PaymentProviderError('online payment is not configured')),
  // Nothing to cancel at a provider: a monthly gift can only exist when one was configured.
  cancelSubscription: () => Promise.resolve(),

  /** Money staff returned by hand: done already, so it succeeded; the request's key names it. */
  refund(request: RefundRequest): Promise<RefundStarted> {
    return Promise.resolve({ refundId: request.idempotencyKey, status: 'succeeded' });
  },

  /** Money staff received by hand kept no provider fee (the bank's own charges are booked by staff). */
  paymentFee: () => Promise.resolve(undefined),
  /** No payouts: staff's money goes straight into the bank. */
  payoutTransactions: () => Promise.resolve([]),

  /** Checks what staff saw arrive and says it as a confirmed payment (always baht). */
  receive(receipt: OfflineReceipt): OfflinePayment {
    if (!(OFFLINE_CHANNELS as readonly string[]).includes(receipt.channel)) {
      throw new ValidationError({ channel: { key: 'validation.invalid' } });
    }
    if (receipt.receivedAt.getTime() > Date.now() + CLOCK_SLACK_MS) {
      throw new ValidationError({ receivedAt: { key: 'donations.receivedInFuture' } }, 'donations.receivedInFuture');
    }
    return {
      amountSatang: receipt.amountSatang,
      currency: 'THB',
      paidAt: receipt.receivedAt,
      channel: receipt.channel,
      receivedAt: receipt.receivedAt,
      reference: receipt.reference,
    };
  },
};
