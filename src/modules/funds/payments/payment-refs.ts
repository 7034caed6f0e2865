/**
 * The provider's own ids on our records (Checkout session, payment intent, invoice,
 * subscription, customer): written only here, so no service outside payments/ names a Stripe
 * field. A value is written only when known; `keepExisting` leaves one already recorded.
 */

/** A gift's or monthly gift's document (mongoose's get/set by path). */
interface RefHolder {
  get(path: string): unknown;
  set(path: string, value: unknown): unknown;
}

export interface PaymentRefs {
  checkoutSessionId?: string | undefined;
  checkoutUrl?: string | undefined;
  paymentIntentId?: string | undefined;
  invoiceId?: string | undefined;
  paymentMethod?: string | undefined;
}

export interface SubscriptionRefs {
  checkoutSessionId?: string | undefined;
  checkoutUrl?: string | undefined;
  subscriptionId?: string | undefined;
  customerId?: string | undefined;
}

function write(doc: RefHolder, refs: object, keepExisting: boolean): void {
  for (const [key, value] of Object.entries(refs) as [string, unknown][]) {
    if (typeof value !== 'string' || value === '') continue;
    if (keepExisting && doc.get(`stripe.${key}`)) continue;
    doc.set(`stripe.${key}`, value);
  }
}

/** Records what the provider said about a one-time gift's payment. */
export function setPaymentRefs(doc: RefHolder, refs: PaymentRefs, options: { keepExisting?: boolean } = {}): void {
  write(doc, refs, options.keepExisting === true);
}

/** Records what the provider said about a monthly gift's subscription. */
export function setSubscriptionRefs(
  doc: RefHolder,
  refs: SubscriptionRefs,
  options: { keepExisting?: boolean } = {},
): void {
  write(doc, refs, options.keepExisting === true);
}

/** The fields of a gift created from a provider's event (a month's invoice), for `create`. */
export function paymentRefFields(refs: PaymentRefs): { stripe: PaymentRefs } {
  return { stripe: Object.fromEntries(Object.entries(refs).filter(([, v]) => typeof v === 'string' && v !== '')) };
}
