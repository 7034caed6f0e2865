/**
 * People as other modules see them: who an id or an address belongs to, by name. Other modules
 * ask here instead of reading the User model, so the account record (password hash, roles,
 * verification) stays inside accounts. No actor: callers show these names only on pages they
 * have already authorised.
 */
import type { Types } from 'mongoose';
import { User } from './user.model.js';
import type { Role } from '../../shared/actor.js';
import type { Locale } from '../../shared/i18n/index.js';

/** A person named on someone else's page. */
export interface PersonName {
  id: string;
  name: string;
}

type UserId = string | Types.ObjectId;

/** The people with these ids, by name (unknown ids are left out; the order is the database's). */
export async function peopleByIds(ids: readonly UserId[]): Promise<PersonName[]> {
  if (!ids.length) return [];
  const users = await User.find({ _id: { $in: ids } }, { name: 1 }).lean();
  return users.map((u) => ({ id: String(u._id), name: u.name }));
}

/** The id of the account with this address (lower-cased already, as accounts store it), or null. */
export async function userIdByEmail(email: string): Promise<string | null> {
  const user = await User.findOne({ email }, { _id: 1 }).lean();
  return user ? String(user._id) : null;
}

/** A person to write to: name, address and the language they read. */
export interface PersonContact extends PersonName {
  email: string;
  locale: Locale;
}

const CONTACT = { name: 1, email: 1, preferredLanguage: 1 } as const;

function toContact(u: { _id: unknown; name: string; email: string; preferredLanguage?: string | null }): PersonContact {
  return { id: String(u._id), name: u.name, email: u.email, locale: u.preferredLanguage === 'en' ? 'en' : 'th' };
}

/** The people with these ids, to write to (unknown ids are left out; the order is the database's). */
export async function contactsByIds(ids: readonly UserId[]): Promise<PersonContact[]> {
  if (!ids.length) return [];
  return (await User.find({ _id: { $in: ids } }, CONTACT).lean()).map(toContact);
}

/** Everyone who has a role (e.g. all staff, when nobody in particular is responsible), to write to. */
export async function contactsWithRole(role: Role): Promise<PersonContact[]> {
  return (await User.find({ roles: role }, CONTACT).lean()).map(toContact);
}

/** The accounts with these addresses (lower-cased already), with their roles; unknown addresses are left out. */
export async function peopleByEmails(
  emails: readonly string[],
): Promise<{ id: string; email: string; roles: Role[] }[]> {
  if (!emails.length) return [];
  const users = await User.find({ email: { $in: emails } }, { _id: 1, email: 1, roles: 1 }).lean();
  return users.map((u) => ({ id: String(u._id), email: u.email, roles: [...(u.roles ?? [])] }));
}

/** A committee given by email: the reviewers' ids, and the addresses that are not a reviewer's account. */
export async function reviewersByEmails(emails: readonly string[]): Promise<{ ids: string[]; unknown: string[] }> {
  const reviewers = (await peopleByEmails(emails)).filter((u) => u.roles.includes('reviewer'));
  return { ids: reviewers.map((u) => u.id), unknown: emails.filter((e) => !reviewers.some((u) => u.email === e)) };
}
