/**
 * Email: `queueMail` stores the message and queues the `mail.deliver` job; the job calls
 * `deliverMail`, which sends it through SMTP when SMTP_URL is set, or keeps it in the outbox
 * (and the log) otherwise. Failures are retried by agenda with backoff.
 *
 * One-time secrets (links that reset a password, accept an invitation, confirm an address or
 * download a receipt) are named by the caller in `secretParams`: only the recipient's delivery
 * carries them; the outbox staff read and every log line get "link hidden" instead.
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import nodemailer, { type Transporter } from 'nodemailer';
import { MailMessage } from './mail-message.model.js';
import { enqueue } from '../queue.js';
import { logger } from '../logger.js';
import { translate, type Locale } from '../i18n/index.js';
import { NotFoundError, isDuplicateKeyError } from '../errors.js';
import { buildPage, pageWindow, type Page } from '../pagination.js';
import { assertRole } from '../actor.js';

const log = logger.child({ module: 'mail' });

export const DELIVER_MAIL_JOB = 'mail.deliver';
export const MAX_DELIVERY_ATTEMPTS = 6;

interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
  /**
   * Log the text with its secrets when a message stays in the outbox: only for NODE_ENV=development
   * without SMTP, where the person running the app has no other way to follow a reset link.
   */
  revealSecretsInLog?: boolean;
}

let settings: MailSettings = { smtpUrl: undefined, from: 'Community Foundation <no-reply@localhost>' };
let transporter: Transporter | undefined;

export function configureMail(next: MailSettings): void {
  settings = next;
  transporter = next.smtpUrl ? nodemailer.createTransport(next.smtpUrl) : undefined;
}

export interface MailAttachmentRef {
  kind: string;
  refId: string;
}

export interface BuiltAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

type AttachmentBuilder = (refId: string, locale: Locale) => Promise<BuiltAttachment>;
const attachmentBuilders = new Map<string, AttachmentBuilder>();

/** Modules register how to build the files their emails carry (funds: receipt PDFs). */
export function registerAttachmentBuilder(kind: string, builder: AttachmentBuilder): void {
  attachmentBuilders.set(kind, builder);
}

async function buildAttachments(refs: readonly MailAttachmentRef[], locale: Locale): Promise<BuiltAttachment[]> {
  return Promise.all(
    refs.map((ref) => {
      const builder = attachmentBuilders.get(ref.kind);
      if (!builder) throw new Error(`no attachment builder for ${ref.kind}`);
      return builder(ref.refId, locale);
    }),
  );
}

export interface QueuedMail {
  attachments?: MailAttachmentRef[];
  to: string;
  locale: Locale;
  template: string;
  /** i18n keys: `emails.<template>.subject` and `.body`, filled with params. */
  params: Record<string, unknown>;
  /**
   * Names of the params that are one-time secrets or unlock something: a password-reset,
   * invitation or email-verification link, a signed receipt link. Every mail carrying one MUST
   * list it here, e.g. `params: { url: verifyUrl }, secretParams: ['url']`. Only the recipient's
   * delivery gets them; the outbox and the log show a localized "link hidden" in their place.
   */
  secretParams?: readonly string[];
  /**
   * Names this message once and for all ("reviewReminder:<review id>"): queueing it again (a job run
   * again after a crash) finds the first one instead of sending a second.
   */
  idempotencyKey?: string;
}

/** The message id a key stands for: the `_id` index, which every MongoDB-compatible server has, refuses a second. */
export function mailIdFor(idempotencyKey: string): mongoose.Types.ObjectId {
  return new mongoose.Types.ObjectId(createHash('sha256').update(`mail:${idempotencyKey}`).digest().subarray(0, 12));
}

/** The subject and text the outbox may show, and the text to deliver when it differs (it has secrets). */
function composeMail(mail: QueuedMail): { subject: string; text: string; deliveryText: string | null } {
  const params: Record<string, unknown> = { ...mail.params, appName: translate(mail.locale, 'site.name') };
  const secrets = mail.secretParams ?? [];
  const masked: Record<string, unknown> = { ...params };
  const hidden = translate(mail.locale, 'mail.linkHidden');
  for (const name of secrets) {
    if (!(name in params)) throw new Error(`mail ${mail.template}: secret param "${name}" is not among its params`);
    masked[name] = hidden;
  }
  const subject = translate(mail.locale, `emails.${mail.template}.subject`, masked);
  const text = translate(mail.locale, `emails.${mail.template}.body`, masked);
  // A secret that also reaches the text through another param would leak: refuse to store it.
  for (const name of secrets) {
    const value = String(params[name] ?? '');
    if (value && (subject.includes(value) || text.includes(value)))
      throw new Error(`mail ${mail.template}: secret "${name}" shows through another param`);
  }
  const deliveryText = secrets.length > 0 ? translate(mail.locale, `emails.${mail.template}.body`, params) : null;
  return { subject, text, deliveryText };
}

export async function queueMail(mail: QueuedMail): Promise<string> {
  if (mail.idempotencyKey) {
    const _id = mailIdFor(mail.idempotencyKey);
    const existing = await MailMessage.findById(_id, { status: 1 }).lean();
    if (existing) {
      // Queued before: make sure its delivery is queued too (delivering a sent message does nothing).
      if (existing.status === 'queued') await enqueue(DELIVER_MAIL_JOB, { mailId: _id.toString() });
      return _id.toString();
    }
  }
  let message;
  try {
    message = await MailMessage.create({
      ...(mail.idempotencyKey ? { _id: mailIdFor(mail.idempotencyKey) } : {}),
      to: mail.to,
      ...composeMail(mail),
      secretsMasked: true,
      locale: mail.locale,
      template: mail.template,
      attachments: mail.attachments ?? [],
    });
  } catch (error) {
    // Another process queued the same message a moment ago.
    if (mail.idempotencyKey && isDuplicateKeyError(error)) return mailIdFor(mail.idempotencyKey).toString();
    throw error;
  }
  const mailId = message._id.toString();
  await enqueue(DELIVER_MAIL_JOB, { mailId });
  return mailId;
}

/** Sends one stored message; safe to call again (a sent message is not sent twice). */
export async function deliverMail(mailId: string): Promise<void> {
  const message = await MailMessage.findById(mailId);
  if (!message) {
    log.warn({ mailId }, 'mail to deliver no longer exists');
    return;
  }
  if (message.status === 'sent') return;
  message.attempts += 1;
  if (!transporter) {
    // The files are still built once, so a broken attachment shows up here and not only in production.
    await buildAttachments(message.attachments ?? [], (message.locale ?? 'th') as Locale);
    message.status = 'sent';
    message.transport = 'outbox';
    message.sentAt = new Date();
    await message.save();
    const text = settings.revealSecretsInLog ? (message.deliveryText ?? message.text) : outboxText(message);
    log.info({ mailId, to: message.to, subject: message.subject, text }, 'mail kept in the outbox (no SMTP_URL set)');
    return;
  }
  try {
    const attachments = await buildAttachments(message.attachments ?? [], (message.locale ?? 'th') as Locale);
    await transporter.sendMail({
      from: settings.from,
      to: message.to,
      subject: message.subject,
      text: message.deliveryText ?? message.text,
      attachments,
    });
    message.status = 'sent';
    message.transport = 'smtp';
    message.sentAt = new Date();
    message.lastError = null;
    await message.save();
    log.info({ mailId }, 'mail sent');
  } catch (error) {
    message.lastError = error instanceof Error ? error.message : String(error);
    if (message.attempts >= MAX_DELIVERY_ATTEMPTS) message.status = 'failed';
    await message.save();
    throw error;
  }
}

export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  text: string;
  template: string;
  status: string;
  transport: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** Messages stored before secrets were masked get every link hidden, since nobody knows which were secret. */
function outboxText(m: { text: string; secretsMasked?: boolean | null; locale?: string | null }): string {
  if (m.secretsMasked) return m.text;
  return m.text.replace(/https?:\/\/\S+/g, translate((m.locale ?? 'th') as Locale, 'mail.linkHidden'));
}

/** What the outbox pages read: everything but the delivery text. */
const OUTBOX_FIELDS = { deliveryText: 0 } as const;

function toSummary(m: InstanceType<typeof MailMessage>): MailSummary {
  return {
    id: m._id.toString(),
    to: m.to,
    subject: m.subject,
    text: outboxText(m),
    template: m.template,
    status: m.status,
    transport: m.transport ?? null,
    attempts: m.attempts,
    lastError: m.lastError ?? null,
    createdAt: m.createdAt,
    sentAt: m.sentAt ?? null,
  };
}

export async function listMail(
  actor: { roles: readonly string[] } | undefined,
  query: { page: number; perPage?: number },
): Promise<Page<MailSummary>> {
  assertRole(actor, 'staff', 'admin');
  const perPage = query.perPage ?? 25;
  const { skip, limit } = pageWindow(query.page, perPage);
  const [items, total] = await Promise.all([
    MailMessage.find({}, OUTBOX_FIELDS).sort({ createdAt: -1 }).skip(skip).limit(limit),
    MailMessage.countDocuments(),
  ]);
  return buildPage(items.map(toSummary), total, query.page, perPage);
}

export async function getMail(actor: { roles: readonly string[] } | undefined, mailId: string): Promise<MailSummary> {
  assertRole(actor, 'staff', 'admin');
  const message = /^[a-f0-9]{24}$/i.test(mailId) ? await MailMessage.findById(mailId, OUTBOX_FIELDS) : null;
  if (!message) throw new NotFoundError();
  return toSummary(message);
}
