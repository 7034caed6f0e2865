/** Links read from the outbox the way the recipient gets them (secret links are hidden from staff's copy). */
import assert from 'node:assert/strict';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';

/** The path of the newest `template` mail to `to` whose link matches `path` (e.g. /\/verify-email\/[\w-]+/). */
export async function mailedPath(to: string, template: string, path: RegExp): Promise<string> {
  const mail = await MailMessage.findOne({ to: to.toLowerCase(), template }).sort({ createdAt: -1, _id: -1 }).lean();
  assert.ok(mail, `no ${template} email to ${to}`);
  const text = (mail as { deliveryText?: string | null }).deliveryText ?? mail.text;
  const match = path.exec(text);
  assert.ok(match, `the ${template} email has no link like ${path}`);
  return match[0];
}

export const VERIFY_LINK = /\/verify-email\/[A-Za-z0-9_-]+/;
