/**
 * Expired sessions are deleted by a job, not by a TTL index: FerretDB v1 has no TTL indexes, so
 * connect-mongo runs with autoRemove disabled and this does the cleaning on both databases.
 */
import mongoose from 'mongoose';

export const SESSIONS_COLLECTION = 'sessions';

export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const result = await mongoose.connection.collection(SESSIONS_COLLECTION).deleteMany({ expires: { $lt: now } });
  return result.deletedCount;
}
