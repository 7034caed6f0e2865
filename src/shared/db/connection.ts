/** Opens and closes the one mongoose connection the app, agenda and the session store share. */
import mongoose from 'mongoose';
import { logger } from '../logger.js';
import { noteDatabaseAvailable, watchDatabase } from './availability.js';

const log = logger.child({ module: 'db' });

export const DEFAULT_DB_NAME = 'community_foundation';

mongoose.set('strictQuery', true);
// Queries made while the connection is down wait at most this long, then fail (→ a 500/503).
mongoose.set('bufferTimeoutMS', 5_000);

export async function connectDatabase(uri: string, dbName?: string): Promise<typeof mongoose> {
  const hasDbInUri = /^mongodb(\+srv)?:\/\/[^/]+\/[^?]+/.test(uri);
  await mongoose.connect(uri, {
    dbName: dbName ?? (hasDbInUri ? undefined : DEFAULT_DB_NAME),
    serverSelectionTimeoutMS: 10_000,
    // Check the server every 2 s (not 10): an outage turns into 503s, and the return into
    // service, within a couple of seconds, without restarting the app.
    heartbeatFrequencyMS: 2_000,
    autoIndex: true,
  });
  watchDatabase();
  // Indexes are the guards of correctness here (unique keys), so wait until they exist.
  await Promise.all(Object.values(mongoose.connection.models).map((model) => model.init()));
  log.info({ db: mongoose.connection.name }, 'database connected');
  return mongoose;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** True when the database answers a ping (used by /healthz). */
export async function pingDatabase(): Promise<boolean> {
  try {
    const db = mongoose.connection.db;
    if (mongoose.connection.readyState !== 1 || !db) return false;
    await db.admin().command({ ping: 1 });
    noteDatabaseAvailable();
    return true;
  } catch {
    return false;
  }
}
