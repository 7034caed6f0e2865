/**
 * Inviting people into an organisation: a member (or staff) sends a link by email; the invited
 * person, signed in with that same email address, accepts and becomes a member and an applicant
 * (able to apply for grants for the organisation).
 */
import mongoose from 'mongoose';
import { Invitation } from './invitation.model.js';
import { Organisation } from './organisation.model.js';
import { canEdit } from './organisation.service.js';
import { addRoleForUser, assertEmailVerified, peopleByIds, userIdByEmail } from '../accounts/index.js';
import { queueMail } from '../../shared/mail/mailer.js';
import { hashOneTimeToken, newOneTimeToken } from '../../shared/one-time-token.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors.js';
import type { Locale } from '../../shared/money.js';
import type { Actor } from '../../shared/actor.js';

const VALID_DAYS = 14;

export async function inviteMember(
  actor: Actor,
  orgId: string,
  rawEmail: string,
  baseUrl: string,
  locale: Locale,
): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const org = mongoose.isValidObjectId(orgId) ? await Organisation.findById(orgId) : null;
  if (!org) throw new NotFoundError('directory.notFound');
  if (!canEdit(actor, org)) throw new ForbiddenError();
  // An unverified account could be anyone's: it may not send mail in the organisation's name.
  await assertEmailVerified(actor);
  const inviteeId = await userIdByEmail(email);
  if (inviteeId && org.memberUserIds.some((m) => String(m) === inviteeId)) {
    throw new ConflictError('directory.alreadyMember', { email: { key: 'directory.alreadyMember' } });
  }
  const token = newOneTimeToken(24);
  await Invitation.create({
    _id: hashOneTimeToken(token),
    orgId: org._id,
    email,
    invitedBy: actor?.id,
    expiresAt: new Date(Date.now() + VALID_DAYS * 86_400_000),
  });
  await queueMail({
    to: email,
    locale,
    template: 'orgInvitation',
    params: { org: org.name?.[locale] || org.name?.th, url: `${baseUrl}/invitations/${token}`, days: VALID_DAYS },
    // Whoever holds the link can join the organisation (as anyone signed in with this address).
    secretParams: ['url'],
  });
}

async function openInvitation(token: string) {
  if (!/^[\w-]{20,64}$/.test(token)) throw new NotFoundError('directory.invitationInvalid');
  const invitation = await Invitation.findById(hashOneTimeToken(token));
  if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() < Date.now())
    throw new NotFoundError('directory.invitationInvalid');
  const org = await Organisation.findById(invitation.orgId);
  if (!org) throw new NotFoundError('directory.invitationInvalid');
  return { invitation, org };
}

export async function describeInvitation(
  token: string,
): Promise<{ orgId: string; orgName: { th: string; en: string }; email: string }> {
  const { invitation, org } = await openInvitation(token);
  return {
    orgId: org._id.toString(),
    orgName: { th: org.name?.th ?? '', en: org.name?.en ?? '' },
    email: invitation.email,
  };
}

export async function acceptInvitation(actor: { id: string; email: string }, token: string): Promise<string> {
  const { invitation, org } = await openInvitation(token);
  if (actor.email.toLowerCase() !== invitation.email) throw new ForbiddenError('directory.invitationOtherEmail');
  // Matching the address proves nothing until the person has shown they read that address.
  await assertEmailVerified(actor);
  if (!org.memberUserIds.some((m) => String(m) === actor.id)) {
    org.memberUserIds.push(new mongoose.Types.ObjectId(actor.id));
    await org.save();
  }
  await addRoleForUser(actor.id, 'applicant');
  invitation.acceptedAt = new Date();
  invitation.acceptedBy = new mongoose.Types.ObjectId(actor.id);
  await invitation.save();
  return org._id.toString();
}

export async function membersOf(orgId: string): Promise<{ id: string; name: string }[]> {
  const org = await Organisation.findById(orgId, { memberUserIds: 1 }).lean();
  if (!org) return [];
  return peopleByIds(org.memberUserIds);
}
