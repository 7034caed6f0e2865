import assert from 'node:assert/strict';
import {
  paymentRefFields,
  setPaymentRefs,
  setSubscriptionRefs,
} from '../../../../../src/modules/funds/payments/payment-refs.js';

/** A record with mongoose's get/set by path, enough for what payment-refs writes. */
function holder(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (path: string) => values.get(path),
    set: (path: string, value: unknown) => values.set(path, value),
  };
}

describe('payment refs (the provider ids on our records)', () => {
  it('writes only the ids that are known, with the top-level copy of a looked-up id', () => {
    const doc = holder();
    setPaymentRefs(doc, { paymentIntentId: 'pi_1', paymentMethod: undefined, invoiceId: '' });
    assert.deepEqual(Object.fromEntries(doc.values), {
      'stripe.paymentIntentId': 'pi_1',
      stripePaymentIntentId: 'pi_1',
    });
  });

  it('copies no id that webhooks do not look gifts up by', () => {
    const doc = holder();
    setPaymentRefs(doc, { checkoutSessionId: 'cs_1', paymentMethod: 'promptpay' });
    assert.deepEqual(Object.fromEntries(doc.values), {
      'stripe.checkoutSessionId': 'cs_1',
      'stripe.paymentMethod': 'promptpay',
    });
  });

  it('keeps an id already recorded when asked to, and replaces it otherwise', () => {
    const doc = holder({ 'stripe.subscriptionId': 'sub_first' });
    setSubscriptionRefs(doc, { subscriptionId: 'sub_second', customerId: 'cus_1' }, { keepExisting: true });
    assert.equal(doc.get('stripe.subscriptionId'), 'sub_first');
    assert.equal(doc.get('stripe.customerId'), 'cus_1');
    setSubscriptionRefs(doc, { subscriptionId: 'sub_second' });
    assert.equal(doc.get('stripe.subscriptionId'), 'sub_second');
  });

  it('gives the fields of a gift created from an invoice', () => {
    assert.deepEqual(paymentRefFields({ invoiceId: 'in_1', paymentIntentId: undefined, paymentMethod: 'card' }), {
      stripe: { invoiceId: 'in_1', paymentMethod: 'card' },
      stripeInvoiceId: 'in_1',
    });
  });
});
