/** Emails about accounts, sent when account events happen (each in the person's language). */
import { events } from '../../shared/events.js';
import { queueMail } from '../../shared/mail/mailer.js';
import { User } from './user.model.js';
import type { Locale } from '../../shared/i18n/index.js';

let subscribed = false;

export function subscribeAccountNotifications(baseUrl: () => string): void {
  if (subscribed) return;
  subscribed = true;

  events.on('user.registered', async ({ userId }) => {
    const user = await User.findById(userId);
    if (!user) return;
    await queueMail({
      to: user.email,
      locale: user.preferredLanguage as Locale,
      template: 'welcome',
      params: { name: user.name, url: `${baseUrl()}/` },
    });
  });

  events.on('user.password_reset_requested', async ({ userId, resetUrl }) => {
    const user = await User.findById(userId);
    if (!user) return;
    await queueMail({
      to: user.email,
      locale: user.preferredLanguage as Locale,
      template: 'passwordReset',
      params: { name: user.name, url: resetUrl, minutes: 60 },
    });
  });

  events.on('user.password_changed', async ({ userId }) => {
    const user = await User.findById(userId);
    if (!user) return;
    await queueMail({
      to: user.email,
      locale: user.preferredLanguage as Locale,
      template: 'passwordChanged',
      params: { name: user.name, url: `${baseUrl()}/forgot-password` },
    });
  });
}
