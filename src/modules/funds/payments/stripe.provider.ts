/**
 * The Stripe provider: Checkout for one-time gifts (card and PromptPay, in baht) and monthly
 * gifts (subscription mode, cards only: Stripe allows no PromptPay there), refunds, and the
 * webhook signature check. STRIPE_API_URL points it at a stripe-mock for tests.
 */
import Stripe from 'stripe';
import type {
  CheckoutRequest,
  CheckoutStarted,
  CheckoutState,
  PaymentProvider,
  RefundRequest,
  RefundStarted,
  PaymentFee,
  PayoutTransaction,
} from './payment-provider.js';
import { PaymentProviderError } from './payment-provider.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string | undefined;
  apiUrl: string | undefined;
}

export function createStripeClient(settings: StripeSettings): Stripe {
  const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20_000 };
  if (settings.apiUrl) {
    const url = new URL(settings.apiUrl);
    options.host = url.hostname;
    options.port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    options.protocol = url.protocol === 'https:' ? 'https' : 'http';
  }
  return new Stripe(settings.secretKey, options);
}

/** How many balance transactions of one payout are read. */
const MAX_PAYOUT_TRANSACTIONS = 5_000;

const idOf = (value: string | { id: string } | null | undefined): string | undefined =>
  typeof value === 'string' ? value : (value?.id ?? undefined);

export function stripeProvider(client: Stripe): PaymentProvider {
  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new PaymentProviderError(error instanceof Error ? error.message : String(error));
    }
  }

  return {
    name: 'stripe',
    online: true,
    features: { card: true, promptpay: true, recurring: true, refund: true, offline: false },

    async startCheckout(request: CheckoutRequest): Promise<CheckoutStarted> {
      const monthly = request.frequency === 'monthly';
      const metadataKey = monthly ? 'recurringGiftId' : 'donationId';
      const metadata = { [metadataKey]: request.reference };
      const session = await call(() =>
        client.checkout.sessions.create(
          {
            mode: monthly ? 'subscription' : 'payment',
            payment_method_types: monthly ? ['card'] : ['card', 'promptpay'],
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: 'thb',
                  unit_amount: request.amountSatang,
                  product_data: { name: request.description },
                  ...(monthly ? { recurring: { interval: 'month' as const } } : {}),
                },
              },
            ],
            client_reference_id: request.reference,
            customer_email: request.email,
            locale: request.locale,
            metadata,
            ...(monthly ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      if (!session.url) throw new PaymentProviderError('Stripe returned a checkout session without a URL');
      return { sessionId: session.id, url: session.url };
    },

    async getCheckout(sessionId: string): Promise<CheckoutState> {
      const session = await call(() => client.checkout.sessions.retrieve(sessionId));
      return {
        status: (session.status ?? 'open') as CheckoutState['status'],
        paymentStatus: session.payment_status as CheckoutState['paymentStatus'],
        amountSatang: session.amount_total,
        currency: session.currency,
        paymentIntentId: idOf(session.payment_intent),
        subscriptionId: idOf(session.subscription),
        customerId: idOf(session.customer),
      };
    },

    async cancelSubscription(subscriptionId: string): Promise<void> {
      await call(() => client.subscriptions.cancel(subscriptionId));
    },

    async paymentFee(paymentIntentId: string): Promise<PaymentFee | undefined> {
      const intent = await call(() =>
        client.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge.balance_transaction'] }),
      );
      const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
      const txn = charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
      if (!txn) return undefined;
      return { feeSatang: txn.fee, netSatang: txn.net, currency: txn.currency, balanceTransactionId: txn.id };
    },

    async payoutTransactions(payoutId: string): Promise<PayoutTransaction[]> {
      const found: PayoutTransaction[] = [];
      const pages = client.balanceTransactions.list({ payout: payoutId, limit: 100, expand: ['data.source'] });
      await call(() =>
        pages.autoPagingEach((txn) => {
          const source =
            txn.source && typeof txn.source === 'object' ? (txn.source as { payment_intent?: unknown }) : null;
          found.push({
            id: txn.id,
            type: txn.type,
            amountSatang: txn.amount,
            feeSatang: txn.fee,
            netSatang: txn.net,
            currency: txn.currency,
            paymentIntentId: idOf(source?.payment_intent as string | { id: string } | null | undefined),
          });
          // A payout holds at most a few thousand payments; past that, the accountant reads Stripe's report.
          return found.length < MAX_PAYOUT_TRANSACTIONS;
        }),
      );
      return found;
    },

    async refund(request: RefundRequest): Promise<RefundStarted> {
      if (!request.paymentIntentId)
        throw new PaymentProviderError(`gift ${request.donationId} has no payment at Stripe`);
      const paymentIntent = request.paymentIntentId;
      // The metadata lets refund.updated find the gift even before we know the refund's id.
      const refund = await call(() =>
        client.refunds.create(
          { payment_intent: paymentIntent, amount: request.amountSatang, metadata: { donationId: request.donationId } },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      const status = refund.status;
      return {
        refundId: refund.id,
        status: status === 'succeeded' || status === 'failed' || status === 'canceled' ? status : 'pending',
      };
    },
  };
}
