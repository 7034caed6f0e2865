import Stripe from 'stripe';
const s = new Stripe('sk_test_123', { host: '127.0.0.1', port: 12111, protocol: 'http', maxNetworkRetries: 0 });
const one = await s.checkout.sessions.create({
  mode: 'payment', payment_method_types: ['card', 'promptpay'], client_reference_id: 'abc',
  line_items: [{ quantity: 1, price_data: { currency: 'thb', unit_amount: 125000, product_data: { name: 'กองทุน' } } }],
  success_url: 'http://x/s?session_id={CHECKOUT_SESSION_ID}', cancel_url: 'http://x/c', customer_email: 'a@b.c',
  metadata: { donationId: 'd1' }, payment_intent_data: { metadata: { donationId: 'd1' } }, locale: 'th',
}, { idempotencyKey: 'k1' });
console.log(one.id, one.url, one.status, one.payment_status, one.amount_total, one.client_reference_id, one.metadata);
const sub = await s.checkout.sessions.create({
  mode: 'subscription', payment_method_types: ['card'], client_reference_id: 'abc',
  line_items: [{ quantity: 1, price_data: { currency: 'thb', unit_amount: 50000, recurring: { interval: 'month' }, product_data: { name: 'กองทุน' } } }],
  success_url: 'http://x/s', cancel_url: 'http://x/c', subscription_data: { metadata: { recurringGiftId: 'r1' } },
});
console.log(sub.id, sub.mode);
const r = await s.checkout.sessions.retrieve(one.id);
console.log(r.status, r.payment_status, r.amount_total, r.currency, r.expires_at);
const c = await s.subscriptions.cancel('sub_123');
console.log(c.id, c.status);
try { await s.checkout.sessions.create({ mode: 'payment', line_items: [{ quantity: 1, price_data: { currency: 'thb', unit_amount: -5, product_data: { name: 'x' } } }], success_url: 'http://x' } as any); } catch (e: any) { console.log('err', e.type, e.message.slice(0,100)); }
try { await s.checkout.sessions.create({ mode: 'payment', payment_method_types: ['bogus'], line_items: [{ quantity: 1, price_data: { currency: 'thb', unit_amount: 5000, product_data: { name: 'x' } } }], success_url: 'http://x' } as any); } catch (e: any) { console.log('err', e.type, e.message.slice(0,100)); }
const payload = JSON.stringify({ id: 'evt_1', type: 'x', data: { object: {} } });
const header = s.webhooks.generateTestHeaderString({ payload, secret: 'whsec_x' });
console.log(s.webhooks.constructEvent(payload, header, 'whsec_x').id);
