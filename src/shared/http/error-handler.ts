/**
 * The one place errors become responses: typed errors → their status with a localized message
 * (a page, the form again, or JSON); anything else → a 500 page with the request id, details
 * only in the log. No stack trace ever reaches a person.
 */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import {
  AppError,
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
  type FieldErrors,
} from '../errors.js';
import { translate, type Locale } from '../i18n/index.js';
import { LOCALE_COOKIE, resolveLocale } from './locale.js';
import { typedValues } from './forms.js';
import { isDatabaseUnavailableError, noteDatabaseUnavailable } from '../db/availability.js';

interface Described {
  status: number;
  code: string;
  messageKey: string;
  params: Record<string, unknown>;
  fields?: FieldErrors;
}

/** Errors raised by Express's body parsers and similar http-errors carry `status` and `type`. */
function describe(error: unknown): Described | null {
  if (error instanceof AppError) {
    const fields = error instanceof ValidationError || error instanceof ConflictError ? error.fields : undefined;
    return { status: error.status, code: error.code, messageKey: error.messageKey, params: error.params, fields };
  }
  const e = error as { status?: unknown; type?: unknown };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const byType: Record<string, string> = {
      'entity.parse.failed': 'errors.badJson',
      'entity.too.large': 'errors.tooLarge',
      'parameters.too.many': 'errors.tooLarge',
      'charset.unsupported': 'errors.badRequest',
      'encoding.unsupported': 'errors.badRequest',
    };
    const key = typeof e.type === 'string' ? byType[e.type] : undefined;
    return { status: e.status, code: 'bad_request', messageKey: key ?? 'errors.badRequest', params: {} };
  }
  if (isDatabaseUnavailableError(error)) {
    noteDatabaseUnavailable();
    return { status: 503, code: 'database_unavailable', messageKey: 'errors.databaseUnavailable', params: {} };
  }
  return null;
}

export function wantsJson(req: Request): boolean {
  if (req.path.startsWith('/api/') || req.path.startsWith('/webhooks/')) return true;
  if (req.is('application/json')) return true;
  return req.accepts(['html', 'json']) === 'json';
}

function localeOf(req: Request): Locale {
  if (req.locale) return req.locale;
  // Errors raised before the cookie parser ran (the database gate) still speak the visitor's language.
  const cookies = (req.cookies ?? {}) as Record<string, unknown>;
  const cookie =
    cookies[LOCALE_COOKIE] ?? new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`).exec(req.headers.cookie ?? '')?.[1];
  return resolveLocale({ query: req.query?.lang, cookie }).locale;
}

function translateFields(fields: FieldErrors | undefined, locale: Locale): Record<string, string> | undefined {
  if (!fields || Object.keys(fields).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(fields).map(([name, m]) => [name, translate(locale, m.key, m.params ?? {})]),
  );
}

export const notFound: RequestHandler = () => {
  throw new NotFoundError();
};

export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const locale = localeOf(req);
  const known = describe(error);
  const status = known?.status ?? 500;
  const log = req.log ?? undefined;
  if (!known) log?.error({ err: error }, 'unexpected error');
  else if (status >= 500) log?.error({ err: error }, 'server error');
  else log?.debug({ code: known.code, status }, 'request refused');

  // A 503 is temporary by definition: say when to come back (browsers ignore it, Stripe and proxies do not).
  if (status === 503) res.set('Retry-After', '30');
  if (error instanceof TooManyRequestsError && error.retryAfterSeconds)
    res.set('Retry-After', String(error.retryAfterSeconds));
  const messageKey = known?.messageKey ?? 'errors.server';
  const message = translate(locale, messageKey, known?.params ?? {});

  if (wantsJson(req)) {
    res.status(status).json({
      error: {
        code: known?.code ?? 'server_error',
        message,
        fields: translateFields(known?.fields, locale),
        requestId: req.id,
      },
    });
    return;
  }

  // Pages refused before the language was picked (body parsers, operator keys) still declare it.
  res.locals.locale ??= locale;
  const render = (view: string, locals: Record<string, unknown>) =>
    res.status(status).render(view, locals, (renderError: Error | null, html?: string) => {
      if (renderError) {
        log?.error({ err: renderError }, 'error page failed to render');
        res
          .status(status)
          .type('text/plain')
          .send(`${message} (${req.id ?? ''})`);
        return;
      }
      res.send(html);
    });

  const formView = res.locals.formView as string | undefined;
  if (known?.fields && formView && Object.keys(known.fields).length > 0) {
    render(formView, {
      values: { ...(res.locals.values as Record<string, unknown> | undefined), ...typedValues(req.body) },
      errors: known.fields,
      formError: message,
    });
    return;
  }
  // No form to mark the fields on: the page says what is wrong with them instead of "fix what is marked".
  const fieldMessages =
    known?.messageKey === 'errors.validation'
      ? [...new Set(Object.values(translateFields(known.fields, locale) ?? {}))]
      : [];
  render('errors/error', {
    status,
    titleKey: `errors.title.${[400, 401, 403, 404, 409, 422, 429, 503].includes(status) ? status : 500}`,
    message: fieldMessages.length > 0 ? fieldMessages.join(' ') : message,
    showRequestId: status >= 500,
    // An action that needs a verified address: offer the link again right there.
    resendVerification: known?.code === 'email_not_verified' && Boolean(req.user),
  });
};
