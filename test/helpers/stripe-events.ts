/**
 * Stripe webhook events as Stripe sends them (the fields the app reads, in Stripe's shapes),
 * signed with the test webhook secret and posted to /webhooks/stripe.
 */
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import Stripe from 'stripe';
import { TEST_WEBHOOK_SECRET } from './context.js';

const signer = new Stripe('sk_test_123');

export interface StripeEventShape {
  id: string;
  object: 'event';
  type: string;
  created: number;
  livemode: false;
  api_version: string;
  data: { object: Record<string, unknown> };
}

export function event(
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number } = {},
): StripeEventShape {
  return {
    id: options.id ?? `evt_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'event',
    type,
    created: options.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    api_version: '2026-08-26.dahlia',
    data: { object: { ...object } },
  };
}

export function checkoutSession(
  donationId: string,
  amountSatang: number,
  options: {
    paymentStatus?: 'paid' | 'unpaid';
    currency?: string;
    paymentIntent?: string;
    mode?: 'payment' | 'subscription';
    subscription?: string;
    metadataKey?: string;
  } = {},
): Record<string, unknown> {
  const mode = options.mode ?? 'payment';
  const key = options.metadataKey ?? (mode === 'subscription' ? 'recurringGiftId' : 'donationId');
  return {
    id: `cs_test_${donationId}`,
    object: 'checkout.session',
    mode,
    status: 'complete',
    payment_status: options.paymentStatus ?? 'paid',
    amount_total: amountSatang,
    currency: options.currency ?? 'thb',
    client_reference_id: donationId,
    metadata: { [key]: donationId },
    payment_intent: mode === 'payment' ? (options.paymentIntent ?? `pi_${donationId}`) : null,
    subscription: options.subscription ?? null,
    customer: 'cus_test',
    payment_method_types: mode === 'payment' ? ['card', 'promptpay'] : ['card'],
  };
}

export function invoice(
  recurringGiftId: string,
  amountSatang: number,
  options: { id?: string; subscription?: string; currency?: string } = {},
): Record<string, unknown> {
  return {
    id: options.id ?? `in_${randomUUID().slice(0, 8)}`,
    object: 'invoice',
    amount_paid: amountSatang,
    currency: options.currency ?? 'thb',
    status: 'paid',
    status_transitions: { paid_at: Math.floor(Date.now() / 1000) },
    parent: {
      type: 'subscription_details',
      subscription_details: {
        subscription: options.subscription ?? `sub_${recurringGiftId}`,
        metadata: { recurringGiftId },
      },
    },
  };
}

export function charge(paymentIntent: string, amountSatang: number, amountRefunded: number): Record<string, unknown> {
  return {
    id: `ch_${paymentIntent}`,
    object: 'charge',
    amount: amountSatang,
    amount_refunded: amountRefunded,
    currency: 'thb',
    payment_intent: paymentIntent,
    metadata: {},
    refunded: amountRefunded >= amountSatang,
  };
}

export function refund(
  refundId: string,
  paymentIntent: string,
  amountSatang: number,
  status: string,
  metadata: Record<string, string> = {},
): Record<string, unknown> {
  return {
    id: refundId,
    object: 'refund',
    amount: amountSatang,
    currency: 'thb',
    status,
    payment_intent: paymentIntent,
    charge: `ch_${paymentIntent}`,
    metadata,
  };
}

export function signedHeader(payload: string, secret = TEST_WEBHOOK_SECRET): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret });
}

/** Posts an event exactly as Stripe does: JSON bytes and a Stripe-Signature header over them. */
export function deliver(app: Express, evt: StripeEventShape, options: { secret?: string; header?: string } = {}) {
  const payload = JSON.stringify(evt);
  return request(app)
    .post('/webhooks/stripe')
    .set('Content-Type', 'application/json')
    .set('Stripe-Signature', options.header ?? signedHeader(payload, options.secret))
    .send(payload);
}
