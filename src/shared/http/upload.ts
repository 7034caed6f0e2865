/**
 * Multipart uploads into memory (at most 10 files of 10 MB), parsed only on the routes that take
 * files and only after login and CSRF checks. Multer's own limits become field messages.
 */
import type { RequestHandler } from 'express';
import multer from 'multer';
import { MAX_FILE_BYTES } from '../files.js';
import { ValidationError } from '../errors.js';

export function uploadFiles(field: string, maxFiles: number): RequestHandler {
  // Browsers send file names as UTF-8 (Thai names): not busboy's latin1 default.
  const parse = multer({ defParamCharset: 'utf8', storage: multer.memoryStorage(), limits: { fileSize: MAX_FILE_BYTES, files: maxFiles, fields: 200, fieldSize: 100 * 1024 } }).array(field, maxFiles);
  return (req, res, next) => {
    parse(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        const key = error.code === 'LIMIT_FILE_SIZE' ? 'validation.fileTooLarge' : error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE' ? 'validation.tooManyFiles' : 'validation.invalid';
        return next(new ValidationError({ [field]: { key, params: { mb: MAX_FILE_BYTES / 1024 / 1024, max: maxFiles } } }));
      }
      next(error);
    });
  };
}
