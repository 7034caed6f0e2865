import assert from 'node:assert/strict';
import { offlineProvider } from '../../../../../src/modules/funds/payments/offline.provider.js';
import { PaymentProviderError } from '../../../../../src/modules/funds/payments/payment-provider.js';

describe('offline payment provider', () => {
  it('takes no money online, records money staff saw arrive, and returns money by hand', () => {
    assert.equal(offlineProvider.online, false);
    assert.deepEqual(offlineProvider.features, {
      card: false,
      promptpay: false,
      recurring: false,
      refund: true,
      offline: true,
    });
  });

  it('says a received transfer as a confirmed payment in baht', () => {
    const receivedAt = new Date('2026-03-01T03:00:00Z');
    assert.deepEqual(
      offlineProvider.receive({ channel: 'cheque', amountSatang: 1_500_00, receivedAt, reference: 'CHQ 42' }),
      {
        amountSatang: 1_500_00,
        currency: 'THB',
        paidAt: receivedAt,
        channel: 'cheque',
        receivedAt,
        reference: 'CHQ 42',
      },
    );
  });

  it('refuses money received in the future (a minute of clock slack allowed) and a channel that is not offline', () => {
    const base = { channel: 'cash' as const, amountSatang: 100, reference: '' };
    assert.throws(() => offlineProvider.receive({ ...base, receivedAt: new Date(Date.now() + 5 * 60_000) }), {
      status: 422,
    });
    assert.doesNotThrow(() => offlineProvider.receive({ ...base, receivedAt: new Date(Date.now() + 30_000) }));
    assert.throws(() => offlineProvider.receive({ ...base, channel: 'online' as never, receivedAt: new Date() }), {
      status: 422,
    });
  });

  it('records a refund made by hand as succeeded under the request’s key; opens no checkout', async () => {
    assert.deepEqual(
      await offlineProvider.refund({ donationId: 'd1', amountSatang: 100, idempotencyKey: 'staff:form-1' }),
      { refundId: 'staff:form-1', status: 'succeeded' },
    );
    await assert.rejects(offlineProvider.getCheckout('cs_1'), PaymentProviderError);
  });
});
