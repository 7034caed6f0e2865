/**
 * The agenda instance background work runs on (its Mongo backend, on the app's database).
 * Services call `enqueue`; job definitions live in /jobs and only call services.
 */
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import mongoose from 'mongoose';
import { logger } from './logger.js';

const log = logger.child({ module: 'queue' });

let agenda: Agenda | undefined;

export function createQueue(options: { processEvery?: string | number } = {}): Agenda {
  const db = mongoose.connection.db;
  if (!db) throw new Error('createQueue needs an open database connection');
  const instance = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: 'agendaJobs' }),
    processEvery: options.processEvery ?? '5 seconds',
    maxConcurrency: 10,
    defaultConcurrency: 2,
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

export async function enqueue(name: string, data: Record<string, unknown>): Promise<void> {
  await currentQueue().now(name, data);
}

export async function stopQueue(): Promise<void> {
  if (!agenda) return;
  const running = agenda;
  agenda = undefined;
  await running.stop();
}
