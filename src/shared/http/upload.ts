/**
 * File uploads (application attachments, report photos). In this order, each step before the
 * body is read any further:
 *   1. the route's `authorise` says whether this person may upload here (404/403/409 at once:
 *      a stranger's 100 MB are never read, let alone kept);
 *   2. at most MAX_UPLOADS_PER_PERSON uploads of one person run at once (429 beyond);
 *   3. the multipart body is parsed as it arrives: the CSRF token comes first (the form's hidden
 *      `_csrf` field, before any file field: browsers send fields in document order), and no file
 *      is read before it has been checked (403); text fields pass the same name bounds as the
 *      urlencoded parser (body-parsers.ts), files stream into GridFS (files.ts) one chunk at a time.
 * Any refusal deletes the files this request stored before the answer is sent, so a refused
 * upload leaves nothing behind; the handler then sees `uploadedFiles(req)`. A refused file comes
 * back on the route's own form (`form`), with the message beside the file field and the text
 * typed before it.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import busboy from 'busboy';
import { MAX_FILE_BYTES, deleteStoredFile, storeStream, type StoredFile } from '../files.js';
import { BadRequestError, TooManyRequestsError, ValidationError } from '../errors.js';
import { acceptBodyToken, acceptMultipartAt, csrfPendingFor, csrfRefusal } from './csrf.js';
import { FORM_LIMITS, FieldGuard, buildFormBody, tooManyFields } from './body-parsers.js';
import { findDangerousKey } from './sanitize.js';

/** Uploads one person may have running at once (per app process). */
export const MAX_UPLOADS_PER_PERSON = 2;
/** After a refusal, how long the rest of the body is read and dropped so the browser can read the answer. */
const LINGER_MS = 2000;

export interface UploadRoute {
  /** The POST route's path, as the router has it (`/applications/:id`): multipart is accepted only there. */
  path: string;
  /** The form's file field. */
  field: string;
  maxFiles: number;
  /**
   * Throws when `req.user` may not upload here (the service's own errors: 404 for strangers,
   * 403, 409 for a closed record). Returns what to store with each file (its owner's ids).
   */
  authorise: (req: Request) => Promise<Record<string, string>>;
  /**
   * Prepares the route's form page (its view in `res.locals.formView`, the locals it needs) when
   * the body is refused with field messages before the handler ran (a file of the wrong type):
   * the error handler then shows that form again instead of an error page.
   */
  form?: (req: Request, res: Response) => Promise<void>;
  /**
   * Whose uploads count together for MAX_UPLOADS_PER_PERSON: the signed-in person by default; a
   * route open to visitors (a donor's link) names what the link is for, so visitors share nothing.
   */
  slotKey?: (req: Request) => string;
  /**
   * The file is text to read now (a bank statement's CSV), not a document to keep: it is held in
   * memory up to `maxBytes` (refused past that as it arrives), decoded as UTF-8 or, failing that,
   * as Windows-874 (Thai banks' older exports), and never stored. The handler reads `uploadedText`.
   */
  text?: { maxBytes: number };
}

export interface UploadedText {
  filename: string;
  text: string;
}

const uploads = new WeakMap<Request, StoredFile[]>();
const texts = new WeakMap<Request, UploadedText>();
const running = new Map<string, number>();

/** The files the upload step stored for this request (already checked: type, size, count). */
export function uploadedFiles(req: Request): StoredFile[] {
  return uploads.get(req) ?? [];
}

/** The text file of a `text` route, read and decoded; undefined when none was chosen. */
export function uploadedText(req: Request): UploadedText | undefined {
  return texts.get(req);
}

/**
 * The handler has recorded the files (an application lists them): a later refusal in the same request
 * (a submit check, a deadline) must not delete what is now listed, or the record points at nothing.
 */
export function keepUploads(req: Request): void {
  uploads.delete(req);
}

/**
 * The route's handler wrapped in the upload steps. A handler that throws has its files deleted
 * before the error is answered (a refused report keeps no photos).
 */
export function withUploads(
  route: UploadRoute,
  handler: (req: Request, res: Response, next: NextFunction) => unknown,
): RequestHandler {
  acceptMultipartAt(route.path);
  return async (req, res) => {
    try {
      const metadata = await route.authorise(req);
      const release = takeSlot(route.slotKey ? route.slotKey(req) : String(req.user?.id));
      try {
        if (req.is('multipart/form-data')) {
          const { body, files, text } = await parseMultipart(req, route, metadata);
          req.body = body;
          uploads.set(req, files);
          if (text) texts.set(req, text);
        }
        // Belt and braces: a deferred token is checked by the parser or the request goes no further.
        if (csrfPendingFor(req)) throw csrfRefusal(req);
        await handler(req, res, (error?: unknown) => {
          // Handlers here answer or throw; one passing an error on is answered the same way.
          if (error) throw error;
        });
      } finally {
        release();
      }
    } catch (error) {
      await Promise.all(uploadedFiles(req).map((f) => deleteStoredFile(f.fileId)));
      uploads.delete(req);
      dropRestOfBody(req, res);
      if (error instanceof ValidationError && route.form && !res.locals.formView)
        await route.form(req, res).catch(() => undefined);
      throw error;
    }
  };
}

function takeSlot(personId: string): () => void {
  const now = running.get(personId) ?? 0;
  if (now >= MAX_UPLOADS_PER_PERSON) throw new TooManyRequestsError('errors.uploadsBusy');
  running.set(personId, now + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (running.get(personId) ?? 1) - 1;
    if (left <= 0) running.delete(personId);
    else running.set(personId, left);
  };
}

/**
 * The unread rest of a refused body is read and dropped (nothing kept), so the connection stays
 * readable while the browser reads the answer; LINGER_MS after the answer the connection is cut.
 * (Closing at once would make the kernel reset it, and a browser may then lose the answer.)
 */
function dropRestOfBody(req: Request, res: Response): void {
  if (req.complete) return;
  req.unpipe();
  req.on('data', () => undefined);
  req.resume();
  const cut = () => {
    if (!req.complete) req.socket.destroy();
  };
  res.once('finish', () => setTimeout(cut, LINGER_MS).unref());
}

const fileError = (field: string, key: string, maxFiles: number) =>
  new ValidationError({ [field]: { key, params: { mb: MAX_FILE_BYTES / 1024 / 1024, max: maxFiles } } });

/** Reads the multipart body: fields into the urlencoded shape, files into GridFS, one after another. */
function parseMultipart(
  req: Request,
  route: UploadRoute,
  metadata: Record<string, string>,
): Promise<{ body: Record<string, unknown>; files: StoredFile[]; text?: UploadedText | undefined }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as UTF-8 (Thai names): not busboy's latin1 default.
        defParamCharset: 'utf8',
        limits: {
          fields: FORM_LIMITS.fields,
          fieldNameSize: FORM_LIMITS.nameLength,
          fieldSize: FORM_LIMITS.bodyBytes,
          files: route.maxFiles,
          // One byte over the limit is how storeStream learns a file is too large.
          fileSize: (route.text?.maxBytes ?? MAX_FILE_BYTES) + 1,
          parts: FORM_LIMITS.fields + route.maxFiles,
        },
      });
    } catch {
      reject(new BadRequestError());
      return;
    }
    const guard = new FieldGuard();
    // A deferred CSRF check (shared/http/csrf.ts) is made on the `_csrf` field, before any file is read.
    let tokenChecked = !csrfPendingFor(req);
    const pairs: [string, string][] = [];
    // All text fields together are held to what the urlencoded parser takes as a whole body.
    let textBytes = 0;
    // By position in the form: the next file may start while the last one's final chunk is written.
    const stored: (StoredFile | undefined)[] = [];
    const storing: Promise<unknown>[] = [];
    let text: UploadedText | undefined;
    let failed = false;

    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      // Ends the file being stored (storeStream then deletes its partial chunks).
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
      // Typed text so far, for the form shown again with the error.
      req.body = buildFormBody(pairs);
      void Promise.allSettled(storing)
        .then(() => Promise.all(stored.map((f) => f && deleteStoredFile(f.fileId))))
        .finally(() => reject(error));
    };

    parser.on('field', (name, value, info) => {
      if (failed) return;
      try {
        guard.accept(name);
        if (info.nameTruncated) throw new BadRequestError();
        if (info.valueTruncated) throw new ValidationError({ [name]: { key: 'validation.tooLong' } });
        if (!tokenChecked && name === '_csrf') {
          if (!acceptBodyToken(req, value)) throw csrfRefusal(req);
          tokenChecked = true;
        }
        textBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
        if (textBytes > FORM_LIMITS.bodyBytes) throw tooManyFields();
        pairs.push([name, value]);
      } catch (error) {
        fail(error);
      }
    });
    parser.on('file', (name, stream, info) => {
      // A file input left empty still sends a part without a name: nothing was chosen.
      // A file part dropped here ends with the parser's refusal: that error must not go unheard.
      stream.on('error', () => undefined);
      if (!failed && !tokenChecked) {
        // No token before the first file: refused unread, whatever the file is.
        stream.resume();
        fail(csrfRefusal(req));
        return;
      }
      if (failed || !info.filename) {
        stream.resume();
        return;
      }
      if (name !== route.field) {
        stream.resume();
        fail(fileError(route.field, 'validation.tooManyFiles', route.maxFiles));
        return;
      }
      const position = storing.length;
      if (route.text) {
        const { maxBytes } = route.text;
        storing.push(
          readText(stream, info.filename, route.field, maxBytes).then(
            (read) => (text = read),
            (error: unknown) => fail(error),
          ),
        );
        return;
      }
      storing.push(
        storeStream(stream, info.filename, route.field, metadata).then(
          (file) => (stored[position] = file),
          (error: unknown) => fail(error),
        ),
      );
    });
    parser.on('filesLimit', () => fail(fileError(route.field, 'validation.tooManyFiles', route.maxFiles)));
    parser.on('fieldsLimit', () => fail(tooManyFields()));
    parser.on('partsLimit', () => fail(tooManyFields()));
    parser.on('error', () => fail(new BadRequestError()));
    parser.on('close', () => {
      void Promise.allSettled(storing).then(() => {
        if (failed) return;
        if (!tokenChecked) return fail(csrfRefusal(req));
        const body = buildFormBody(pairs);
        // The app-wide operator-key guard ran before this body existed: the same check here.
        if (findDangerousKey(body)) return fail(new BadRequestError('errors.operatorKey'));
        resolve({ body, files: stored.filter((f): f is StoredFile => f !== undefined), text });
      });
    });
    req.on('aborted', () => fail(new BadRequestError()));
    req.pipe(parser);
  });
}

/** A text file read whole (at most `maxBytes`): UTF-8, else Windows-874; refused when it is binary. */
async function readText(
  source: AsyncIterable<Buffer>,
  filename: string,
  field: string,
  maxBytes: number,
): Promise<UploadedText> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    const mb = maxBytes / 1024 / 1024;
    if (size > maxBytes) throw new ValidationError({ [field]: { key: 'validation.fileTooLarge', params: { mb } } });
    chunks.push(chunk);
  }
  if (size === 0) throw new ValidationError({ [field]: { key: 'validation.fileEmpty' } });
  const bytes = Buffer.concat(chunks);
  if (bytes.includes(0)) throw new ValidationError({ [field]: { key: 'validation.textFileType' } });
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    decoded = new TextDecoder('windows-874').decode(bytes);
  }
  return { filename: filename.split(/[\\/]/).pop()?.slice(0, 120) ?? 'statement.csv', text: decoded };
}
