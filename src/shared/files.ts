/**
 * Uploaded files (application attachments, report photos), kept in the database with GridFS so
 * every app process can serve them (no shared disk needed) and backups include them. GridFS is
 * two ordinary collections with plain inserts and a compound index: FerretDB serves it too.
 *
 * What a file is, is decided from its first bytes, never from its name or the browser's claim:
 * only PDF, PNG and JPEG are kept, and they are always served as downloads. Uploads are streamed
 * in (storeStream), so a request holds at most a chunk of a file in memory.
 */
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { GridFSBucket, ObjectId, type GridFSBucketWriteStream } from 'mongodb';
import { NotFoundError, ValidationError } from './errors.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const ALLOWED_TYPES = {
  'application/pdf': { ext: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  'image/png': { ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'image/jpeg': { ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

/** The type the bytes really are, or null when they are none of the allowed ones. */
export function sniffType(bytes: Uint8Array): AllowedType | null {
  for (const [type, { magic }] of Object.entries(ALLOWED_TYPES) as [
    AllowedType,
    (typeof ALLOWED_TYPES)[AllowedType],
  ][]) {
    if (magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

/** A name safe to show and to put in a Content-Disposition header: no paths, no control characters. */
export function safeFilename(name: string, type: AllowedType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(ch))
    .join('')
    .trim()
    .slice(0, 120);
  const ext = ALLOWED_TYPES[type].ext;
  const stem = cleaned.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}.${ext}`;
}

function bucket(): GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error('the database is not connected');
  return new GridFSBucket(db as never, { bucketName: 'uploads' });
}

export interface StoredFile {
  fileId: string;
  filename: string;
  contentType: AllowedType;
  size: number;
}

/** Enough leading bytes to tell every allowed type apart (PNG's signature is the longest). */
const SNIFF_BYTES = Math.max(...Object.values(ALLOWED_TYPES).map((t) => t.magic.length));

function writeChunk(upload: GridFSBucketWriteStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => upload.write(chunk, (error) => (error ? reject(error) : resolve())));
}

function endUpload(upload: GridFSBucketWriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    upload.once('error', reject);
    upload.end(() => resolve());
  });
}

/**
 * Streams one upload into GridFS as it arrives (never the whole file in memory). The type is
 * decided from the first bytes before anything is written; empty, over-size (counted as the
 * bytes come) and not-allowed files are refused with a field error, and whatever part of the file
 * was already written is deleted before the error is thrown, so nothing half-written remains.
 * Each chunk is written before the next is read: the source (the request) waits meanwhile.
 */
export async function storeStream(
  source: AsyncIterable<Buffer>,
  originalName: string,
  field: string,
  metadata: Record<string, string>,
): Promise<StoredFile> {
  const id = new ObjectId();
  const head: Buffer[] = [];
  let size = 0;
  let upload: GridFSBucketWriteStream | undefined;
  let stored: Omit<StoredFile, 'size'> | undefined;
  const open = async (): Promise<void> => {
    const first = Buffer.concat(head);
    const type = sniffType(first);
    if (!type) throw new ValidationError({ [field]: { key: 'validation.fileType' } });
    const filename = safeFilename(originalName, type);
    upload = bucket().openUploadStreamWithId(id, filename, { metadata: { ...metadata, contentType: type } });
    upload.on('error', () => undefined); // reported through the write and end callbacks
    stored = { fileId: id.toHexString(), filename, contentType: type };
    await writeChunk(upload, first);
  };
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > MAX_FILE_BYTES)
        throw new ValidationError({
          [field]: { key: 'validation.fileTooLarge', params: { mb: MAX_FILE_BYTES / 1024 / 1024 } },
        });
      if (upload) {
        await writeChunk(upload, chunk);
        continue;
      }
      head.push(chunk);
      if (size >= SNIFF_BYTES) await open();
    }
    if (size === 0) throw new ValidationError({ [field]: { key: 'validation.fileEmpty' } });
    if (!upload) await open();
    await endUpload(upload as unknown as GridFSBucketWriteStream);
    return { ...(stored as Omit<StoredFile, 'size'>), size };
  } catch (error) {
    if (upload) await discardPartial(upload, id);
    throw error;
  }
}

/** Stops a GridFS upload and deletes what it wrote (its chunks, and its file entry if it got one). */
async function discardPartial(upload: GridFSBucketWriteStream, id: ObjectId): Promise<void> {
  await upload.abort().catch(() => undefined);
  await deleteStoredFile(id.toHexString());
}

/** One file already in memory (seeds, tests): the same checks as an upload. */
export function storeBuffer(
  upload: { buffer: Buffer; originalname: string },
  field: string,
  metadata: Record<string, string>,
): Promise<StoredFile> {
  return storeStream(Readable.from([upload.buffer]), upload.originalname, field, metadata);
}

/** The whole file (attachments are at most 10 MB). */
export async function readStoredFile(fileId: string): Promise<Buffer> {
  if (!mongoose.isValidObjectId(fileId)) throw new NotFoundError();
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of bucket().openDownloadStream(new ObjectId(fileId))) chunks.push(chunk as Buffer);
  } catch {
    throw new NotFoundError();
  }
  return Buffer.concat(chunks);
}

export async function deleteStoredFile(fileId: string): Promise<void> {
  if (!mongoose.isValidObjectId(fileId)) return;
  await bucket()
    .delete(new ObjectId(fileId))
    .catch(() => undefined);
}
