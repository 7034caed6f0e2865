/**
 * The agenda instance background work runs on (its Mongo backend, on the app's database).
 * Services call `enqueue`; job definitions live in /jobs and only call services.
 */
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import mongoose from 'mongoose';
import { logger } from './logger.js';

const log = logger.child({ module: 'queue' });

const JOBS_COLLECTION = 'agendaJobs';

let agenda: Agenda | undefined;

/**
 * `lockLifetimeMs`: a job whose process died stays locked this long, then any process runs it
 * again; jobs are written to be safe to run again (see jobs/index.ts).
 */
export function createQueue(options: { processEvery?: string | number; lockLifetimeMs?: number } = {}): Agenda {
  const db = mongoose.connection.db;
  if (!db) throw new Error('createQueue needs an open database connection');
  const instance = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: JOBS_COLLECTION }),
    processEvery: options.processEvery ?? '5 seconds',
    maxConcurrency: 10,
    defaultConcurrency: 2,
    // Lock a few jobs of a kind ahead, not all of them: with hundreds of mails queued, locking
    // every one (a query each, slow on FerretDB) outlasted the lock lifetime, so the process kept
    // re-locking instead of running; and one process should not hoard work others could do.
    defaultLockLimit: 4,
    lockLimit: 20,
    defaultLockLifetime: options.lockLifetimeMs ?? 10 * 60 * 1000,
  });
  instance.on('fail', (error: Error, job: { attrs: { name: string } }) =>
    log.warn({ err: error, job: job.attrs.name }, 'job failed'),
  );
  instance.on('error', (error: Error) => log.error({ err: error }, 'queue error'));
  agenda = instance;
  return instance;
}

export function currentQueue(): Agenda {
  if (!agenda) throw new Error('the job queue is not set up');
  return agenda;
}

/**
 * Schedules a recurring job, once. agenda's `every` rewrites an existing job on each call,
 * clearing its lock: a process starting while another runs the job (or right after one died in
 * the middle of it, its next run already moved hours ahead) would start a second run, or skip the
 * interrupted one until the next interval. So an existing job with the same interval is left as
 * it is; a crashed run is taken over when its lock expires.
 */
export async function scheduleEvery(queue: Agenda, interval: string, name: string): Promise<void> {
  const existing = await mongoose.connection
    .collection(JOBS_COLLECTION)
    .findOne({ name, type: 'single' }, { projection: { repeatInterval: 1 } });
  if (existing?.repeatInterval === interval) return;
  await queue.every(interval, name);
}

export async function enqueue(name: string, data: Record<string, unknown>): Promise<void> {
  await currentQueue().now(name, data);
}

export async function stopQueue(): Promise<void> {
  if (!agenda) return;
  const running = agenda;
  agenda = undefined;
  await running.stop();
}
