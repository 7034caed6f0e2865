/**
 * Payments sit behind one interface (Open Collective's paymentProviders): Stripe takes money
 * online; without it the "offline" provider stands in — gifts are promised for a bank transfer
 * and staff record what arrives. Services ask `paymentProvider()` and never import Stripe.
 */
import type { Locale } from '../../../shared/money.js';
import type { Frequency } from '../donation.rules.js';

export interface CheckoutRequest {
  /** Our id of the gift (a Donation, or a RecurringGift when monthly): how webhooks find it again. */
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

export interface PaymentProvider {
  readonly name: 'stripe' | 'offline';
  /** Whether donors can pay online now. */
  readonly online: boolean;
  startCheckout(request: CheckoutRequest): Promise<CheckoutStarted>;
  getCheckout(sessionId: string): Promise<CheckoutState>;
  cancelSubscription(subscriptionId: string): Promise<void>;
}

/** The provider could not be reached or refused: nothing was charged, the donor may try again. */
export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
}

export const offlineProvider: PaymentProvider = {
  name: 'offline',
  online: false,
  startCheckout: () => Promise.reject(new PaymentProviderError('online payment is not configured')),
  getCheckout: () => Promise.reject(new PaymentProviderError('online payment is not configured')),
  // Nothing to cancel at a provider: a monthly gift can only exist when one was configured.
  cancelSubscription: () => Promise.resolve(),
};
