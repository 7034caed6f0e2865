/**
 * Email verification: a single-use emailed link proves the person reads the address they signed
 * up with. Until then they cannot log in (see `authenticate`); a guest can still give. Sessions
 * opened before that rule, and any other way a service is reached, still meet the gates on what
 * trusts the address (accepting an organisation's invitation, applying for a grant, joining
 * earlier gifts to the account): those services call `assertEmailVerified`.
 */
import mongoose from 'mongoose';
import { EmailVerification } from './email-verification.model.js';
import { User } from './user.model.js';
import { EmailNotVerifiedError, UnauthorizedError } from '../../shared/errors.js';
import { events } from '../../shared/events.js';
import { hashOneTimeToken, looksLikeOneTimeToken, newOneTimeToken } from '../../shared/one-time-token.js';
import { queueMail } from '../../shared/mail/mailer.js';
import { logger } from '../../shared/logger.js';
import type { Locale } from '../../shared/i18n/index.js';

const log = logger.child({ module: 'email-verification' });

export const VERIFY_TOKEN_TTL_HOURS = 48;
/** Queues the link that verifies the user's current address (the registration mail, or a resend). */
export async function sendVerificationEmail(userId: string, baseUrl: string): Promise<void> {
  const user = mongoose.isValidObjectId(userId) ? await User.findById(userId) : null;
  if (!user || user.emailVerifiedAt) return;
  const token = newOneTimeToken();
  await EmailVerification.create({
    tokenHash: hashOneTimeToken(token),
    userId: user._id,
    email: user.email,
    expiresAt: new Date(Date.now() + VERIFY_TOKEN_TTL_HOURS * 60 * 60 * 1000),
  });
  await queueMail({
    to: user.email,
    locale: user.preferredLanguage as Locale,
    template: 'emailVerification',
    params: { name: user.name, url: `${baseUrl}/verify-email/${token}`, hours: VERIFY_TOKEN_TTL_HOURS },
    // Whoever holds the link proves "this address is mine": only the recipient may see it.
    secretParams: ['url'],
  });
}

/** The "resend" button: a new link, unless the address is verified already (then nothing is sent). */
export async function requestVerificationEmail(
  actor: { id: string } | undefined,
  baseUrl: string,
): Promise<'sent' | 'already_verified'> {
  if (!actor) throw new UnauthorizedError();
  const user = await User.findById(actor.id, { emailVerifiedAt: 1 }).lean();
  if (!user) throw new UnauthorizedError();
  if (user.emailVerifiedAt) return 'already_verified';
  await sendVerificationEmail(actor.id, baseUrl);
  return 'sent';
}

/**
 * Marks the address verified (once) and tells the listeners (earlier gifts join the account).
 * Also called after a password reset: following that emailed link proves the same thing.
 */
export async function markEmailVerified(userId: string, at = new Date()): Promise<boolean> {
  const user = await User.findById(userId);
  if (!user) return false;
  if (user.emailVerifiedAt) return true;
  user.emailVerifiedAt = at;
  await user.save();
  await EmailVerification.deleteMany({ userId: user._id });
  log.info({ userId }, 'email address verified');
  await events.emit('user.email_verified', { userId, email: user.email });
  return true;
}

/** Follows a link: true when it verified the address now, false when unknown, used or expired. */
export async function verifyEmail(token: string): Promise<boolean> {
  if (!looksLikeOneTimeToken(token)) return false;
  const found = await EmailVerification.findOne({ tokenHash: hashOneTimeToken(token) });
  if (!found) return false;
  // Deleting is the claim: of two clicks at once, only one deletes it and goes on.
  const claimed = await EmailVerification.deleteOne({ _id: found._id });
  if (claimed.deletedCount !== 1 || found.expiresAt.getTime() <= Date.now()) return false;
  const user = await User.findById(found.userId, { email: 1 }).lean();
  // The link was for the address it was sent to; an account whose address has changed needs a new one.
  if (!user || user.email !== found.email) return false;
  return markEmailVerified(String(user._id));
}

export async function isEmailVerified(userId: string): Promise<boolean> {
  if (!mongoose.isValidObjectId(userId)) return false;
  const user = await User.findById(userId, { emailVerifiedAt: 1 }).lean();
  return !!user?.emailVerifiedAt;
}

/**
 * Services call this before an action that trusts the person's address. It reads the database,
 * not the session, so a link followed in another tab counts at once.
 */
export async function assertEmailVerified(actor: { id: string } | null | undefined): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  if (!(await isEmailVerified(actor.id))) throw new EmailNotVerifiedError();
}
