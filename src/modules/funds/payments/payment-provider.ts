/**
 * Payments sit behind one interface (Open Collective's paymentProviders): Stripe takes money
 * online; the offline provider (offline.provider.ts) is what staff record by hand — bank
 * transfers, cash and cheques — and what stands in when Stripe is not configured (gifts are then
 * promised for a bank transfer). Services ask `paymentProvider()` or `offlinePayments` and never
 * import Stripe.
 */
import type { Locale } from '../../../shared/money.js';
import type { Frequency } from '../donation.rules.js';

/** What a provider can do: pages and services ask this, never the provider's name. */
export interface ProviderFeatures {
  /** Card payments through a hosted checkout. */
  readonly card: boolean;
  /** PromptPay QR payments (one-time gifts only: Stripe allows no PromptPay in subscriptions). */
  readonly promptpay: boolean;
  /** Monthly gifts (subscriptions). */
  readonly recurring: boolean;
  /** Money can be returned to the donor through it (`refund`). */
  readonly refund: boolean;
  /** Money that came by bank transfer, cash or cheque, recorded by staff. */
  readonly offline: boolean;
}

export interface CheckoutRequest {
  /** Our id of the gift (a donationId, or a recurringGiftId when monthly): how webhooks find it again. */
  reference: string;
  frequency: Frequency;
  amountSatang: number;
  /** What the donor sees on the payment page: the fund's name in their language. */
  description: string;
  email: string;
  locale: Locale;
  successUrl: string;
  cancelUrl: string;
  /** The same form submission never opens two payments. */
  idempotencyKey: string;
}

export interface CheckoutStarted {
  sessionId: string;
  url: string;
}

/** What the provider knows about a checkout, in our words (for reconciliation). */
export interface CheckoutState {
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  amountSatang: number | null;
  currency: string | null;
  paymentIntentId: string | undefined;
  subscriptionId: string | undefined;
  customerId: string | undefined;
}

/** Money a provider says has arrived for a gift. */
export interface ConfirmedPayment {
  amountSatang: number;
  currency: string;
  paidAt: Date;
  paymentIntentId?: string | undefined;
  paymentMethod?: string | undefined;
}

export interface RefundRequest {
  donationId: string;
  amountSatang: number;
  /** The provider's payment to return money from (online gifts). */
  paymentIntentId?: string | undefined;
  /** The same request sent twice returns money once. */
  idempotencyKey: string;
}

export interface RefundStarted {
  refundId: string;
  /** PromptPay refunds wait for the donor's bank details: they may stay pending. */
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
}

/** What the provider kept of a payment, in the currency of its balance (satang for baht). */
export interface PaymentFee {
  feeSatang: number;
  netSatang: number;
  currency: string;
  balanceTransactionId: string;
}

/** One movement of the provider's balance that a payout to the bank contained. */
export interface PayoutTransaction {
  id: string;
  /** The provider's word: charge, refund, payout, adjustment, … */
  type: string;
  amountSatang: number;
  feeSatang: number;
  netSatang: number;
  currency: string;
  /** For a charge or refund: the payment it belongs to (how it is matched to a gift). */
  paymentIntentId: string | undefined;
}

export interface PaymentProvider {
  readonly name: 'stripe' | 'offline';
  /** Whether donors can pay online now. */
  readonly online: boolean;
  readonly features: ProviderFeatures;
  startCheckout(request: CheckoutRequest): Promise<CheckoutStarted>;
  getCheckout(sessionId: string): Promise<CheckoutState>;
  cancelSubscription(subscriptionId: string): Promise<void>;
  /** Returns money to the donor; the refund is booked when the provider reports it (or at once, offline). */
  refund(request: RefundRequest): Promise<RefundStarted>;
  /** The fee the provider kept of a payment, once its balance shows it (undefined before, and offline). */
  paymentFee(paymentIntentId: string): Promise<PaymentFee | undefined>;
  /** What a payout to the bank contained (none offline). */
  payoutTransactions(payoutId: string): Promise<PayoutTransaction[]>;
}

/** The provider could not be reached or refused: nothing was charged, the donor may try again. */
export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
}
