/**
 * Every email the app sends, kept as the outbox staff can read. Without SMTP_URL this is where
 * mail ends up (and in the log); with it, the record says whether the SMTP server took it.
 */
import mongoose, { Schema } from 'mongoose';

export const MAIL_STATUSES = [
  /** Waiting for the delivery job. */
  'queued',
  /** Handed to the SMTP server, or kept in the outbox when no SMTP server is configured. */
  'sent',
  /** The SMTP server refused it on every retry. */
  'failed',
] as const;

const mailMessageSchema = new Schema(
  {
    to: { type: String, required: true, maxlength: 254 },
    subject: { type: String, required: true, maxlength: 300 },
    /**
     * The text staff may read in the outbox and the log: every one-time secret (a reset,
     * invitation or verification link, a signed receipt link) is replaced by "link hidden".
     */
    text: { type: String, required: true },
    /**
     * The text with its secrets, for the recipient's delivery only; set only when the message has
     * secrets. Never rendered, listed or logged (the outbox projects it away).
     */
    deliveryText: { type: String, default: null },
    /** False on messages stored before secrets were masked: the outbox then hides every link in `text`. */
    secretsMasked: { type: Boolean, default: false },
    locale: { type: String, enum: ['th', 'en'], default: 'th' },
    /** What kind of message it is (password_reset, welcome, …), for staff filtering the outbox. */
    template: { type: String, required: true },
    status: { type: String, enum: MAIL_STATUSES, default: 'queued', index: true },
    transport: { type: String, enum: ['smtp', 'outbox', null], default: null },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    sentAt: { type: Date, default: null },
    /**
     * Files built at delivery time (a receipt PDF), named by kind and id rather than stored, so
     * the outbox stays small and the file always reflects the record.
     */
    attachments: {
      type: [
        new Schema({ kind: { type: String, required: true }, refId: { type: String, required: true } }, { _id: false }),
      ],
      default: [],
    },
  },
  { timestamps: true },
);
mailMessageSchema.index({ createdAt: -1 });

export const MailMessage = mongoose.model('MailMessage', mailMessageSchema);
