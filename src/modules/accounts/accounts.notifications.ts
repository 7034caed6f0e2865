/** Emails about accounts, sent when account events happen (each in the person's language). */
import { events } from '../../shared/events.js';
import { queueMail } from '../../shared/mail/mailer.js';
import { User } from './user.model.js';
import type { Locale } from '../../shared/i18n/index.js';

let subscribed = false;

/** Queues one email to a user in their preferred language; a deleted user gets nothing. */
async function mailUser(
  userId: string,
  template: string,
  params: Record<string, unknown>,
  secretParams: string[] = [],
): Promise<void> {
  const user = await User.findById(userId);
  if (!user) return;
  await queueMail({
    to: user.email,
    locale: user.preferredLanguage as Locale,
    template,
    params: { name: user.name, ...params },
    secretParams,
  });
}

export function subscribeAccountNotifications(baseUrl: () => string): void {
  if (subscribed) return;
  subscribed = true;
  // No separate welcome on 'user.registered': the sign-up's verification email is the welcome
  // (registration.service.ts), so a new person gets one email, not two.
  events.on('user.password_reset_requested', ({ userId, resetUrl }) =>
    // The link sets the password: staff reading the outbox must not be able to use it.
    mailUser(userId, 'passwordReset', { url: resetUrl, minutes: 60 }, ['url']),
  );
  events.on('user.password_changed', ({ userId }) =>
    mailUser(userId, 'passwordChanged', { url: `${baseUrl()}/forgot-password` }),
  );
}
