/**
 * POST /webhooks/stripe: mounted before the body parsers, because the signature covers the exact
 * bytes Stripe sent. A bad signature gets 400 and changes nothing.
 */
import express, { Router, type Request, type Response } from 'express';
import type Stripe from 'stripe';
import { stripeWebhookSettings } from './index.js';
import { handleStripeEvent, RetryLaterError } from './stripe-webhook.service.js';
import { BadRequestError, ServiceUnavailableError } from '../../../shared/errors.js';

export function stripeWebhookRouter(): Router {
  const router = Router();
  router.post(
    '/webhooks/stripe',
    express.raw({ type: () => true, limit: '512kb' }),
    async (req: Request, res: Response) => {
      const settings = stripeWebhookSettings();
      if (!settings) throw new ServiceUnavailableError('donations.webhookNotConfigured');
      const signature = req.get('stripe-signature');
      if (!signature || !Buffer.isBuffer(req.body)) throw new BadRequestError('donations.badSignature');
      let event: Stripe.Event;
      try {
        event = settings.client.webhooks.constructEvent(req.body, signature, settings.secret);
      } catch {
        req.log?.warn({ ip: req.ip }, 'webhook with a bad signature refused');
        throw new BadRequestError('donations.badSignature');
      }
      // Signed, but not an event we can read (an id, a type, a time and an object): refused
      // before anything is recorded.
      const shape = event as unknown as {
        id?: unknown;
        type?: unknown;
        created?: unknown;
        data?: { object?: unknown };
      } | null;
      if (
        typeof shape?.id !== 'string' ||
        typeof shape.type !== 'string' ||
        typeof shape.created !== 'number' ||
        typeof shape.data?.object !== 'object' ||
        shape.data.object === null
      ) {
        req.log?.warn({ ip: req.ip }, 'signed webhook that is not a readable event refused');
        throw new BadRequestError('errors.badRequest');
      }
      try {
        const outcome = await handleStripeEvent(event);
        res.json({ received: true, outcome });
      } catch (error) {
        if (!(error instanceof RetryLaterError)) throw error;
        req.log?.info(
          { eventId: event.id, reason: error.message },
          'webhook event for a gift not known yet; Stripe will retry',
        );
        res.status(503).json({ error: { code: 'retry_later', message: error.message } });
      }
    },
  );
  return router;
}
