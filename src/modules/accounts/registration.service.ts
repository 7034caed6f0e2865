/**
 * Signing up through the site. The answer never tells whether an address already has an account:
 * a new address gets an account and the verification link; a known one gets nothing new, and its
 * owner is emailed instead ("someone tried to register with your address"). Both paths hash the
 * password and queue one email, so they also take about as long.
 */
import { User } from './user.model.js';
import { registerUser, type RegisterInput } from './user.service.js';
import { hashPassword } from './password.js';
import { sendVerificationEmail } from './email-verification.service.js';
import { ConflictError } from '../../shared/errors.js';
import { queueMail } from '../../shared/mail/mailer.js';
import { logger } from '../../shared/logger.js';
import type { Locale } from '../../shared/i18n/index.js';

const log = logger.child({ module: 'registration' });

/** At most one "someone tried to register" email per account per hour, however often it is tried. */
const NOTICE_WINDOW_MS = 60 * 60 * 1000;

async function noticeToOwner(email: string, baseUrl: string, now: Date): Promise<void> {
  const owner = await User.findOne({ email }, { name: 1, email: 1, preferredLanguage: 1 }).lean();
  if (!owner) return;
  const window = Math.floor(now.getTime() / NOTICE_WINDOW_MS);
  await queueMail({
    to: owner.email,
    locale: owner.preferredLanguage as Locale,
    template: 'registrationAttempt',
    params: { name: owner.name, loginUrl: `${baseUrl}/login`, resetUrl: `${baseUrl}/forgot-password` },
    idempotencyKey: `registrationAttempt:${String(owner._id)}:${window}`,
  });
  log.info({ userId: String(owner._id) }, 'registration tried with an existing address; owner told');
}

/** Registers from the sign-up form; resolves the same way whether or not the address was known. */
export async function signUp(input: RegisterInput, baseUrl: string, now = new Date()): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (await User.exists({ email })) {
    // The same work as a new account's password hash, so the answer takes as long.
    await hashPassword(input.password);
    await noticeToOwner(email, baseUrl, now);
    return;
  }
  try {
    const user = await registerUser({ ...input, email });
    await sendVerificationEmail(user.id, baseUrl);
  } catch (error) {
    // Registered a moment ago by another request with the same address: the unique index kept one.
    if (!(error instanceof ConflictError)) throw error;
    await noticeToOwner(email, baseUrl, now);
  }
}
