/**
 * A whole database as one gzip file, and back (`npm run backup` / `npm run restore`): one header
 * line, then one line per document, all canonical Extended JSON, so every BSON type (dates,
 * ObjectIds, int32 against int64 against double, binary) comes back exactly as it was. Both ways
 * stream: the file may be larger than memory.
 *
 * Line 1: {"format":"community-foundation-backup","version":1,"createdAt":…,"database":…,
 *          "collections":[{"name":…,"documents":n,"indexes":[{key,name,unique?,sparse?},…]},…]}
 * Then:   {"c":"<collection>","d":<document>}, grouped by collection, in the header's order.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { BSON, type Db, type Document } from 'mongodb';
import { DatabaseCopyError, DatabaseWriter, EXACT_TYPES, describeDatabase } from './database-writer.js';
import type { CollectionCopied, IndexSpec, Progress } from './database-writer.js';

const { EJSON } = BSON;

export const DUMP_FORMAT = 'community-foundation-backup';
export const DUMP_VERSION = 1;

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  createdAt: Date;
  /** The name of the database the backup was taken from. */
  database: string;
  collections: { name: string; documents: number; indexes: IndexSpec[] }[];
}

export interface DumpReport {
  /** The database backed up (dumpDatabase) or the one the backup was taken from (loadDump). */
  database: string;
  createdAt: Date;
  collections: CollectionCopied[];
}

/** Lines are gathered into chunks of about this size before they reach gzip. */
const CHUNK_CHARS = 64 * 1024;
const READ_BATCH = 1_000;

/**
 * Writes every collection of `db` (but `system.*`) to `file`, a new gzip file, and returns the
 * counts. The file is written under a `.partial` name and renamed only once complete and checked
 * (each collection's documents written = counted before), so a backup that failed leaves no file
 * that looks like a backup. Mode 0600: it holds personal data and password hashes.
 */
export async function dumpDatabase(db: Db, file: string, progress: Progress = () => undefined): Promise<DumpReport> {
  const plan = await describeDatabase(db);
  const header: DumpHeader = {
    format: DUMP_FORMAT,
    version: DUMP_VERSION,
    createdAt: new Date(),
    database: db.databaseName,
    collections: [],
  };
  for (const { name, indexes } of plan) {
    header.collections.push({ name, documents: await db.collection(name).countDocuments({}), indexes });
  }

  async function* chunks(): AsyncGenerator<string> {
    yield `${EJSON.stringify(header, { relaxed: false })}\n`;
    let chunk = '';
    for (const { name, documents } of header.collections) {
      let written = 0;
      const cursor = db.collection(name).find({}, { ...EXACT_TYPES, batchSize: READ_BATCH });
      for await (const doc of cursor) {
        chunk += `${EJSON.stringify({ c: name, d: doc }, { relaxed: false })}\n`;
        written++;
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      }
      if (written !== documents) {
        throw new DatabaseCopyError(
          `"${name}" changed during the backup (${documents} documents counted, ${written} written), so no ` +
            'backup was made: stop the app and run the backup again.',
        );
      }
      progress(`${name}: ${documents} documents`);
    }
    if (chunk) yield chunk;
  }

  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    await pipeline(Readable.from(chunks()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await fs.rename(partial, file);
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  }
  const collections = header.collections.map((c) => ({
    collection: c.name,
    documents: c.documents,
    indexes: c.indexes.length,
  }));
  return { database: header.database, createdAt: header.createdAt, collections };
}

function damaged(file: string, detail: string, cause?: unknown): DatabaseCopyError {
  return new DatabaseCopyError(
    `The backup file ${file} is damaged or incomplete (${detail}), so nothing was restored: use another copy ` +
      'of the backup.',
    { cause },
  );
}

/** The file's lines, decompressed as they are read; an error of the file or of gzip ends it with that error. */
async function* dumpLines(file: string): AsyncGenerator<string> {
  const raw = createReadStream(file);
  const gunzip = createGunzip();
  raw.once('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  // A line can span many chunks (a large uploaded file): gather pieces, join once.
  let pieces: string[] = [];
  try {
    for await (const chunk of gunzip) {
      const text = decoder.write(chunk as Buffer);
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        pieces.push(text.slice(start, end));
        yield pieces.join('');
        pieces = [];
        start = end + 1;
      }
      if (start < text.length) pieces.push(text.slice(start));
    }
    pieces.push(decoder.end());
    // Every line the backup writes ends with a newline: text after the last one was cut off.
    if (pieces.join('') !== '') throw new DatabaseCopyError('the last line is cut off');
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}

function parseHeader(line: string): DumpHeader {
  let header: Partial<DumpHeader>;
  try {
    // Relaxed: the counts as plain numbers (the documents are read canonically, below).
    header = EJSON.parse(line, { relaxed: true }) as Partial<DumpHeader>;
  } catch {
    throw new DatabaseCopyError('the first line is not a backup header');
  }
  if (header.format !== DUMP_FORMAT) throw new DatabaseCopyError('the first line is not a backup header');
  if (header.version !== DUMP_VERSION) {
    throw new DatabaseCopyError(`it is in format version ${header.version}; this version reads ${DUMP_VERSION}`);
  }
  const collections = header.collections;
  const valid =
    Array.isArray(collections) &&
    collections.every(
      (c) =>
        typeof c?.name === 'string' &&
        Number.isInteger(c.documents) &&
        c.documents >= 0 &&
        Array.isArray(c.indexes) &&
        c.indexes.every((i) => typeof i?.name === 'string' && typeof i.key === 'object' && i.key !== null),
    );
  if (!valid || !(header.createdAt instanceof Date) || typeof header.database !== 'string') {
    throw new DatabaseCopyError('its header is incomplete');
  }
  return header as DumpHeader;
}

function parseDocument(line: string, header: DumpHeader): { collection: string; doc: Document } {
  let entry: { c?: unknown; d?: unknown };
  try {
    entry = EJSON.parse(line, { relaxed: false }) as typeof entry;
  } catch (error) {
    throw new DatabaseCopyError(`not valid Extended JSON: ${(error as Error).message}`);
  }
  const { c, d } = entry ?? {};
  if (typeof c !== 'string' || !header.collections.some((x) => x.name === c)) {
    throw new DatabaseCopyError('a document of a collection the header does not list');
  }
  if (typeof d !== 'object' || d === null || Array.isArray(d) || (d as Document)._id === undefined) {
    throw new DatabaseCopyError('a document without an _id');
  }
  return { collection: c, doc: d as Document };
}

/**
 * Reads the whole file once without writing anything: gzip intact, every line valid, each
 * collection's document count as the header says. Returns the header.
 */
export async function checkDump(file: string): Promise<DumpHeader> {
  try {
    await fs.access(file);
  } catch {
    throw new DatabaseCopyError(`There is no backup file ${file}: give the path of a backup-….ejson.gz file.`);
  }
  let header: DumpHeader | undefined;
  const counts = new Map<string, number>();
  let lineNumber = 0;
  try {
    for await (const line of dumpLines(file)) {
      lineNumber++;
      if (!header) {
        header = parseHeader(line);
        continue;
      }
      const { collection } = parseDocument(line, header);
      counts.set(collection, (counts.get(collection) ?? 0) + 1);
    }
  } catch (error) {
    const where = lineNumber > 1 ? `line ${lineNumber}: ` : '';
    throw damaged(file, `${where}${(error as Error).message}`, error);
  }
  if (!header) throw damaged(file, 'the file is empty');
  for (const { name, documents } of header.collections) {
    const found = counts.get(name) ?? 0;
    if (found !== documents) throw damaged(file, `"${name}" has ${found} of its ${documents} documents`);
  }
  return header;
}

/**
 * Restores a file written by dumpDatabase into `target`, with copyDatabase's guarantees: the
 * target must hold no documents, indexes are made, counts are checked, and a failure removes what
 * was written. The whole file is checked first (checkDump), so a damaged or truncated file is
 * refused before anything is written. Returns the counts and where the backup came from.
 */
export async function loadDump(file: string, target: Db, progress: Progress = () => undefined): Promise<DumpReport> {
  progress(`Checking ${file}…`);
  const header = await checkDump(file);
  const total = header.collections.reduce((sum, c) => sum + c.documents, 0);
  progress(`The backup is complete: ${total} documents in ${header.collections.length} collections.`);
  const writer = await DatabaseWriter.open(target, header.collections, progress);
  try {
    const counts = new Map<string, number>();
    let first = true;
    for await (const line of dumpLines(file)) {
      if (first) {
        first = false;
        continue;
      }
      const { collection, doc } = parseDocument(line, header);
      await writer.add(collection, doc);
      counts.set(collection, (counts.get(collection) ?? 0) + 1);
    }
    const collections = await writer.finish(counts);
    for (const c of collections) progress(`${c.collection}: ${c.documents} documents, ${c.indexes} indexes`);
    return { database: header.database, createdAt: header.createdAt, collections };
  } catch (error) {
    return writer.abandon(error);
  }
}
