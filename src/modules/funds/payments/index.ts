/**
 * Chooses the online payment provider once at boot from the config. The offline provider
 * (`offlineProvider`: bank transfer, cash, cheque recorded by staff) is always there.
 */
import type Stripe from 'stripe';
import type { AppConfig } from '../../../config/index.js';
import type { PaymentProvider } from './payment-provider.js';
import { offlineProvider } from './offline.provider.js';
import { createStripeClient, stripeProvider } from './stripe.provider.js';

let provider: PaymentProvider = offlineProvider;
let stripeClient: Stripe | undefined;
let webhookSecret: string | undefined;

export function configurePayments(settings: AppConfig['stripe']): void {
  webhookSecret = settings.webhookSecret;
  if (settings.secretKey) {
    stripeClient = createStripeClient({ secretKey: settings.secretKey, webhookSecret, apiUrl: settings.apiUrl });
    provider = stripeProvider(stripeClient);
  } else {
    stripeClient = undefined;
    provider = offlineProvider;
  }
}

export function paymentProvider(): PaymentProvider {
  return provider;
}

/** What the webhook needs to check signatures; undefined when Stripe is not configured. */
export function stripeWebhookSettings(): { client: Stripe; secret: string } | undefined {
  return stripeClient && webhookSecret ? { client: stripeClient, secret: webhookSecret } : undefined;
}

export { offlineProvider };
export { PaymentProviderError, type ConfirmedPayment, type PayoutTransaction } from './payment-provider.js';
export { paymentRefFields, refFilter, setPaymentRefs, setSubscriptionRefs, topLevelCopies } from './payment-refs.js';
