/**
 * Accounts: register, authenticate, profiles and roles. Plain objects in and out; every function
 * that acts for someone takes the acting user and checks what they may do.
 */
import mongoose from 'mongoose';
import { User, type UserDocument } from './user.model.js';
import { hashPassword, verifyPassword } from './password.js';
import { assertRole, hasRole, type Role } from '../../shared/actor.js';
import { normaliseRoles } from './roles.js';
import type { SessionUser } from '../../shared/actor.js';
import type { PublicUser } from './user.types.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  isDuplicateKeyError,
} from '../../shared/errors.js';
import { events } from '../../shared/events.js';
import { buildPage, escapeRegExp, pageWindow, type Page } from '../../shared/pagination.js';
import type { Locale } from '../../shared/i18n/index.js';

export function toPublicUser(doc: UserDocument): PublicUser {
  return {
    id: doc._id.toString(),
    email: doc.email,
    name: doc.name,
    roles: normaliseRoles(doc.roles as string[]),
    preferredLanguage: doc.preferredLanguage as Locale,
    emailVerified: doc.emailVerifiedAt instanceof Date,
    createdAt: doc.createdAt,
    lastLoginAt: doc.lastLoginAt ?? null,
  };
}

function isObjectId(id: string): boolean {
  return mongoose.isValidObjectId(id) && /^[a-f0-9]{24}$/i.test(id);
}

async function loadUser(userId: string): Promise<UserDocument> {
  const doc = isObjectId(userId) ? await User.findById(userId) : null;
  if (!doc) throw new NotFoundError('accounts.userNotFound');
  return doc;
}

export interface RegisterInput {
  name: string;
  email: string;
  password: string;
  preferredLanguage: Locale;
}

export async function registerUser(input: RegisterInput, roles: Role[] = ['donor']): Promise<PublicUser> {
  const email = input.email.trim().toLowerCase();
  if (await User.exists({ email }))
    throw new ConflictError('accounts.emailTaken', { email: { key: 'accounts.emailTaken' } });
  try {
    const doc = await User.create({
      email,
      name: input.name.trim(),
      passwordHash: await hashPassword(input.password),
      roles: normaliseRoles(roles),
      preferredLanguage: input.preferredLanguage,
    });
    await events.emit('user.registered', { userId: doc._id.toString() });
    return toPublicUser(doc);
  } catch (error) {
    // Two registrations with one email at the same moment: the unique index lets one through.
    if (isDuplicateKeyError(error))
      throw new ConflictError('accounts.emailTaken', { email: { key: 'accounts.emailTaken' } });
    throw error;
  }
}

/**
 * Returns the user for a correct email and password of a verified address, null otherwise (never
 * says which was wrong). An unverified account is refused like a wrong password, after the same
 * hash check: if it could log in, anyone could register someone's address with a password of
 * their own and tell from the login whether the address already had an account (signUp answers
 * both the same). The owner who lost the link resets the password, which verifies the address.
 */
export async function authenticate(email: string, password: string): Promise<PublicUser | null> {
  const doc = await User.findOne({ email: email.trim().toLowerCase() });
  const ok = await verifyPassword(doc?.passwordHash ?? null, password);
  if (!doc || !ok || !(doc.emailVerifiedAt instanceof Date)) return null;
  doc.lastLoginAt = new Date();
  await doc.save();
  return toPublicUser(doc);
}

/** The session stores `<id>:<password version>`; a password change voids every older session. */
export function sessionKey(user: { id: string }, passwordChangedAt: Date): string {
  return `${user.id}:${passwordChangedAt.getTime()}`;
}

export async function sessionKeyFor(userId: string): Promise<string> {
  const doc = await loadUser(userId);
  return sessionKey({ id: userId }, doc.passwordChangedAt);
}

export async function findSessionUser(key: string): Promise<SessionUser | null> {
  const [id, version] = key.split(':');
  if (!id || !version || !isObjectId(id)) return null;
  const doc = await User.findById(id);
  if (!doc || String(doc.passwordChangedAt.getTime()) !== version) return null;
  const { createdAt: _c, lastLoginAt: _l, ...sessionUser } = toPublicUser(doc);
  return sessionUser;
}

function assertSelfOrAdmin(actor: SessionUser | undefined, userId: string): void {
  assertRole(actor, 'donor', 'applicant', 'reviewer', 'staff', 'admin');
  if (actor?.id !== userId && !hasRole(actor, 'admin')) throw new ForbiddenError();
}

export async function getUser(actor: SessionUser | undefined, userId: string): Promise<PublicUser> {
  assertSelfOrAdmin(actor, userId);
  return toPublicUser(await loadUser(userId));
}

export async function updateProfile(
  actor: SessionUser | undefined,
  userId: string,
  input: { name: string; preferredLanguage: Locale },
): Promise<PublicUser> {
  assertSelfOrAdmin(actor, userId);
  const doc = await loadUser(userId);
  doc.name = input.name.trim();
  doc.preferredLanguage = input.preferredLanguage;
  await doc.save();
  return toPublicUser(doc);
}

export async function setPreferredLanguage(actor: SessionUser, locale: Locale): Promise<void> {
  const doc = await loadUser(actor.id);
  if (doc.preferredLanguage === locale) return;
  doc.preferredLanguage = locale;
  await doc.save();
}

export async function changePassword(
  actor: SessionUser | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<string> {
  if (!actor) throw new ForbiddenError();
  const doc = await loadUser(actor.id);
  if (!(await verifyPassword(doc.passwordHash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: { key: 'accounts.wrongPassword' } });
  }
  const changedAt = await setPassword(doc, input.newPassword);
  return sessionKey(actor, changedAt);
}

/** Stores a new password; every session made before it stops working. */
export async function setPassword(doc: UserDocument, password: string): Promise<Date> {
  doc.passwordHash = await hashPassword(password);
  doc.passwordChangedAt = new Date();
  await doc.save();
  await events.emit('user.password_changed', { userId: doc._id.toString() });
  return doc.passwordChangedAt;
}

export async function listUsers(
  actor: SessionUser | undefined,
  query: { q?: string; role?: Role; page: number; perPage?: number },
): Promise<Page<PublicUser>> {
  assertRole(actor, 'admin');
  const perPage = query.perPage ?? 20;
  const filter: Record<string, unknown> = {};
  const q = query.q?.trim();
  if (q) {
    const pattern = new RegExp(escapeRegExp(q), 'i');
    filter.$or = [{ name: pattern }, { email: pattern }];
  }
  if (query.role) filter.roles = query.role;
  const { skip, limit } = pageWindow(query.page, perPage);
  const [docs, total] = await Promise.all([
    User.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit),
    User.countDocuments(filter),
  ]);
  return buildPage(docs.map(toPublicUser), total, query.page, perPage);
}

export async function setRoles(actor: SessionUser | undefined, userId: string, roles: Role[]): Promise<PublicUser> {
  assertRole(actor, 'admin');
  const next = normaliseRoles(roles);
  // An admin cannot lock themselves out: someone must always be able to manage roles.
  if (actor?.id === userId && !next.includes('admin')) throw new ForbiddenError('accounts.cannotDropOwnAdmin');
  const doc = await loadUser(userId);
  doc.roles = next;
  await doc.save();
  await events.emit('user.roles_changed', { userId, roles: next, actorId: actor?.id ?? '' });
  return toPublicUser(doc);
}

/**
 * Gives a person a role as a consequence of something they did themselves (accepting an
 * invitation to an organisation makes them its applicant). Not a way for anyone to grant roles.
 */
export async function addRoleForUser(userId: string, role: Role): Promise<void> {
  const doc = await loadUser(userId);
  if (doc.roles.includes(role)) return;
  doc.roles = normaliseRoles([...doc.roles, role] as Role[]);
  await doc.save();
}
