/**
 * Forgotten passwords: an emailed link with a random token, valid for one hour and one use.
 * Asking for a reset never reveals whether an email has an account.
 */
import { PasswordReset } from './password-reset.model.js';
import { User } from './user.model.js';
import { setPassword } from './user.service.js';
import { markEmailVerified } from './email-verification.service.js';
import { ValidationError } from '../../shared/errors.js';
import { events } from '../../shared/events.js';
import { hashOneTimeToken, looksLikeOneTimeToken, newOneTimeToken } from '../../shared/one-time-token.js';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export async function requestPasswordReset(email: string, baseUrl: string): Promise<void> {
  const user = await User.findOne({ email: email.trim().toLowerCase() });
  if (!user) return;
  const token = newOneTimeToken();
  await PasswordReset.create({
    tokenHash: hashOneTimeToken(token),
    userId: user._id,
    expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS),
  });
  const resetUrl = `${baseUrl}/reset-password/${token}`;
  await events.emit('user.password_reset_requested', { userId: user._id.toString(), resetUrl });
}

/** True when the token can still be used (the reset page asks before showing the form). */
export async function isResetTokenUsable(token: string): Promise<boolean> {
  if (!looksLikeOneTimeToken(token)) return false;
  const found = await PasswordReset.findOne({ tokenHash: hashOneTimeToken(token) });
  return !!found && found.expiresAt.getTime() > Date.now();
}

export async function resetPassword(token: string, newPassword: string): Promise<void> {
  const invalid = new ValidationError({ _form: { key: 'accounts.reset.invalidToken' } }, 'accounts.reset.invalidToken');
  if (!looksLikeOneTimeToken(token)) throw invalid;
  const found = await PasswordReset.findOne({ tokenHash: hashOneTimeToken(token) });
  if (!found || found.expiresAt.getTime() <= Date.now()) throw invalid;
  // Deleting is the claim: when two requests race with one token, only one deletes it.
  const claimed = await PasswordReset.deleteOne({ _id: found._id });
  if (claimed.deletedCount !== 1) throw invalid;
  const user = await User.findById(found.userId);
  if (!user) throw invalid;
  await setPassword(user, newPassword);
  await PasswordReset.deleteMany({ userId: user._id });
  // The link came by email, so following it proves the address as well as a verification link does
  // (and the real owner of a squatted address takes the account back verified).
  await markEmailVerified(user._id.toString());
}
