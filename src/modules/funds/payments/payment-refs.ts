/**
 * The provider's own ids on our records (Checkout session, payment intent, invoice,
 * subscription, customer): written only here, so no service outside payments/ names a Stripe
 * field. A value is written only when known; `keepExisting` leaves one already recorded.
 *
 * The ids webhooks look gifts up by are also copied to top-level fields (`stripePaymentIntentId`,
 * `stripeInvoiceId`, `stripeSubscriptionId`, each indexed): FerretDB filters a nested field such
 * as `stripe.invoiceId` in Go after reading the whole collection, and pushes only a top-level
 * equality down to PostgreSQL's index. Lookups use `refFilter`, so the field names live here only.
 */

/** The looked-up ids and their top-level copies. */
const TOP_LEVEL = {
  paymentIntentId: 'stripePaymentIntentId',
  invoiceId: 'stripeInvoiceId',
  subscriptionId: 'stripeSubscriptionId',
} as const;
type LookedUp = keyof typeof TOP_LEVEL;
const topLevelOf = (key: string): string | undefined => TOP_LEVEL[key as LookedUp];

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
    const copy = topLevelOf(key);
    if (copy) doc.set(copy, value);
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
export function paymentRefFields(refs: PaymentRefs): Record<string, unknown> {
  const stripe: Record<string, unknown> = Object.fromEntries(
    Object.entries(refs).filter(([, v]) => typeof v === 'string' && v !== ''),
  );
  return { ...topLevelCopies(stripe), stripe };
}

/**
 * The top-level copies a record's recorded ids call for (`stripe` as stored): what creation and
 * `setPaymentRefs` write, and what the start-up backfill gives records saved before the copies.
 */
export function topLevelCopies(stripe: Record<string, unknown> | null | undefined): Record<string, string> {
  const copies: Record<string, string> = {};
  for (const [key, field] of Object.entries(TOP_LEVEL)) {
    const value = stripe?.[key];
    if (typeof value === 'string' && value !== '') copies[field] = value;
  }
  return copies;
}

/** The filter that finds a record by one of the provider's ids (an indexed top-level equality). */
export function refFilter(key: LookedUp, value: string): Record<string, string> {
  return { [TOP_LEVEL[key]]: value };
}
