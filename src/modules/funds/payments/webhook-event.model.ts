/**
 * Every Stripe event id, stored once (the _id). A replayed or duplicated delivery finds its id
 * here already processed and changes nothing.
 */
import mongoose, { Schema } from 'mongoose';

export const WEBHOOK_EVENT_STATUSES = [
  /** Written by earlier versions before the work, and left behind when it was cut short. */
  'processing',
  'processed',
  /** Acknowledged and ignored: a type we do not handle. */
  'ignored',
  /** Refused: it disagreed with what we recorded (amount, currency) or matched no gift. */
  'rejected',
] as const;

const webhookEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    status: { type: String, enum: WEBHOOK_EVENT_STATUSES, required: true },
    note: { type: String, maxlength: 500 },
    receivedAt: { type: Date, required: true },
    processedAt: Date,
  },
  { versionKey: false },
);

export const WebhookEvent = mongoose.model('WebhookEvent', webhookEventSchema);
