/**
 * Typed errors thrown by services. The error middleware turns each into a localized page or a
 * JSON body; services never know about HTTP beyond the status a kind of error maps to.
 */

/** An i18n message key with its placeholders, shown beside a form field. */
export interface FieldMessage {
  key: string;
  params?: Record<string, unknown>;
}

/** Field name → message, shown beside the field in forms and returned in JSON. */
export type FieldErrors = Record<string, FieldMessage>;

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** i18n key of the message shown to people; `params` fill its placeholders. */
  readonly messageKey: string;
  readonly params: Record<string, unknown>;

  constructor(messageKey: string, params: Record<string, unknown> = {}) {
    super(messageKey);
    this.messageKey = messageKey;
    this.params = params;
  }
}

export class ValidationError extends AppError {
  readonly status = 422;
  readonly code = 'validation_failed';
  readonly fields: FieldErrors;
  constructor(fields: FieldErrors, messageKey = 'errors.validation') {
    super(messageKey);
    this.fields = fields;
  }
}

/** The request itself is malformed (objects where strings belong, `$` keys, broken JSON). */
export class BadRequestError extends AppError {
  readonly status = 400;
  readonly code = 'bad_request';
  constructor(messageKey = 'errors.badRequest', params: Record<string, unknown> = {}) {
    super(messageKey, params);
  }
}

/** More than a request may carry (too many form fields); the body was not built. */
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'payload_too_large';
  constructor(messageKey = 'errors.tooLarge') {
    super(messageKey);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
  constructor(messageKey = 'errors.unauthorized') {
    super(messageKey);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(messageKey = 'errors.forbidden') {
    super(messageKey);
  }
}

/**
 * The action trusts the person's email address, which they have not verified yet. A 403 of its
 * own so the page can offer to send the verification link again.
 */
export class EmailNotVerifiedError extends AppError {
  readonly status = 403;
  readonly code = 'email_not_verified';
  constructor(messageKey = 'accounts.verifyFirst') {
    super(messageKey);
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor(messageKey = 'errors.notFound') {
    super(messageKey);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
  readonly fields: FieldErrors;
  constructor(messageKey = 'errors.conflict', fields: FieldErrors = {}) {
    super(messageKey);
    this.fields = fields;
  }
}

export class InvalidTransitionError extends AppError {
  readonly status = 409;
  readonly code = 'invalid_transition';
  constructor(messageKey = 'errors.invalidTransition', params: Record<string, unknown> = {}) {
    super(messageKey, params);
  }
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly code = 'too_many_requests';
  /** When trying again may work (the Retry-After header), if known. */
  readonly retryAfterSeconds: number | undefined;
  constructor(messageKey = 'errors.tooManyRequests', params: Record<string, unknown> = {}, retryAfterSeconds?: number) {
    super(messageKey, params);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Something the request needs (a payment service) is not answering; trying again later may work. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'service_unavailable';
  constructor(messageKey = 'errors.unavailable') {
    super(messageKey);
  }
}

/** The database cannot be reached: temporary, nothing was changed, try again shortly. */
export class DatabaseUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'database_unavailable';
  constructor() {
    super('errors.databaseUnavailable');
  }
}

/** MongoDB's duplicate-key error (E11000), the signal that a unique index refused an insert. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
