/**
 * People as other modules see them: who an id or an address belongs to, by name. Other modules
 * ask here instead of reading the User model, so the account record (password hash, roles,
 * verification) stays inside accounts. No actor: callers show these names only on pages they
 * have already authorised.
 */
import type { Types } from 'mongoose';
import { User } from './user.model.js';

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
