/**
 * Uploaded files (application attachments, report photos), kept in the database with GridFS so
 * every app process can serve them (no shared disk needed) and backups include them. GridFS is
 * two ordinary collections with plain inserts and a compound index: FerretDB serves it too.
 *
 * What a file is, is decided from its first bytes, never from its name or the browser's claim:
 * only PDF, PNG and JPEG are kept, and they are always served as downloads.
 */
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { GridFSBucket, ObjectId } from 'mongodb';
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
  for (const [type, { magic }] of Object.entries(ALLOWED_TYPES) as [AllowedType, (typeof ALLOWED_TYPES)[AllowedType]][]) {
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

/**
 * Checks and stores one upload. `field` names the form field for the error message.
 * Refuses empty, over-size and not-allowed files with a field error; stores nothing then.
 */
export async function storeUpload(
  upload: { buffer: Buffer; originalname: string; size: number },
  field: string,
  metadata: Record<string, string>,
): Promise<StoredFile> {
  if (upload.size === 0) throw new ValidationError({ [field]: { key: 'validation.fileEmpty' } });
  if (upload.size > MAX_FILE_BYTES) throw new ValidationError({ [field]: { key: 'validation.fileTooLarge', params: { mb: MAX_FILE_BYTES / 1024 / 1024 } } });
  const type = sniffType(upload.buffer);
  if (!type) throw new ValidationError({ [field]: { key: 'validation.fileType' } });
  const filename = safeFilename(upload.originalname, type);
  const id = new ObjectId();
  await new Promise<void>((resolve, reject) => {
    Readable.from(upload.buffer)
      .pipe(bucket().openUploadStreamWithId(id, filename, { metadata: { ...metadata, contentType: type } }))
      .on('finish', () => resolve())
      .on('error', reject);
  });
  return { fileId: id.toHexString(), filename, contentType: type, size: upload.size };
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
