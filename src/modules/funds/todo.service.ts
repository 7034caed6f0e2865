/**
 * What waits in the funds module, read only: for staff's to-do page the pledges not yet received
 * (and how old the oldest is), and for the landing after login whether a person has gifts to see.
 * Equality filters only, so FerretDB answers them from its indexes.
 */
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { assertRole, type Actor } from '../../shared/actor.js';

export interface PledgesWaiting {
  count: number;
  /** When the oldest waiting pledge was made (null when none waits). */
  oldestAt: Date | null;
}

/** Pledges (gifts promised for a bank transfer) that staff have not yet confirmed as received. */
export async function pledgesWaiting(actor: Actor): Promise<PledgesWaiting> {
  assertRole(actor, 'staff', 'admin');
  const [count, oldest] = await Promise.all([
    Donation.countDocuments({ status: 'pledged' }),
    Donation.findOne({ status: 'pledged' }, { createdAt: 1 }).sort({ createdAt: 1 }).lean(),
  ]);
  return { count, oldestAt: count && oldest ? ((oldest as { createdAt?: Date }).createdAt ?? null) : null };
}

/** Whether the person has any gift in their history (the same gifts /account/gifts lists). */
export async function hasOwnGifts(user: { id: string }): Promise<boolean> {
  const userId = new mongoose.Types.ObjectId(user.id);
  return (await Donation.exists({ donorUserId: userId, status: { $nin: ['pending', 'expired'] } })) !== null;
}
