/**
 * Picks the language of each request: `?lang=` (remembered in a cookie and, for a logged-in
 * person, in their profile) → the cookie → the profile → Thai. Logging in keeps the language
 * chosen on this device (see `chosenLocale`), so an English reader is not switched to Thai.
 */
import type { Request, RequestHandler } from 'express';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/index.js';

export const LOCALE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function resolveLocale(options: { query?: unknown; cookie?: unknown; profile?: unknown }): {
  locale: Locale;
  explicit: boolean;
} {
  if (isLocale(options.query)) return { locale: options.query, explicit: true };
  if (isLocale(options.cookie)) return { locale: options.cookie, explicit: false };
  if (isLocale(options.profile)) return { locale: options.profile, explicit: false };
  return { locale: DEFAULT_LOCALE, explicit: false };
}

/**
 * The language picked on this device (`?lang=` now, or the cookie from an earlier pick), or
 * undefined when the visitor only ever saw the default: at login the pick wins over the profile,
 * and without one the profile's language is used.
 */
export function chosenLocale(req: Request): Locale | undefined {
  if (isLocale(req.query.lang)) return req.query.lang;
  const cookie = (req.cookies as Record<string, unknown> | undefined)?.[LOCALE_COOKIE];
  return isLocale(cookie) ? cookie : undefined;
}

/** Pages a login should not come back to: home (the person's work is better), and the account doors themselves. */
const NO_RETURN = /^\/(?:$|login|logout|register|forgot-password|reset-password|verify-email)/;

/**
 * The request's own address as a URL on this site. Read as a path, never against a base: `//` or
 * `//host/x` would otherwise be another host (or no URL at all, a 500 on every page of that path).
 */
function ownUrl(originalUrl: string): URL {
  try {
    return new URL(`http://local/${originalUrl.replace(/^[/\\]+/, '')}`);
  } catch {
    return new URL('http://local/');
  }
}

/** The header's login link: back to this page afterwards (without `lang`, which the cookie keeps). */
export function loginUrlFor(originalUrl: string): string {
  const url = ownUrl(originalUrl);
  url.searchParams.delete('lang');
  if (NO_RETURN.test(url.pathname)) return '/login';
  return `/login?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`;
}

/** The current URL with `lang` set, for the language switch. */
export function urlWithLang(originalUrl: string, locale: Locale): string {
  const url = ownUrl(originalUrl);
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}

export function localeMiddleware(options: {
  secureCookie: boolean;
  /** Called when a logged-in person picks a language, to store it in their profile. */
  rememberForUser?: (req: Request, locale: Locale) => Promise<void>;
}): RequestHandler {
  return async (req, res, next) => {
    const cookies = (req.cookies ?? {}) as Record<string, unknown>;
    const { locale, explicit } = resolveLocale({
      query: req.query.lang,
      cookie: cookies[LOCALE_COOKIE],
      profile: req.user?.preferredLanguage,
    });
    if (explicit && cookies[LOCALE_COOKIE] !== locale) {
      res.cookie(LOCALE_COOKIE, locale, {
        maxAge: ONE_YEAR_MS,
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookie,
      });
    }
    if (explicit && req.user && req.user.preferredLanguage !== locale && options.rememberForUser) {
      await options.rememberForUser(req, locale);
    }
    req.locale = locale;
    res.locals.locale = locale;
    res.locals.otherLocale = locale === 'th' ? 'en' : 'th';
    res.locals.switchLangUrl = urlWithLang(req.originalUrl, res.locals.otherLocale as Locale);
    res.locals.currentPath = req.path;
    if (!req.user) res.locals.loginUrl = loginUrlFor(req.originalUrl);
    next();
  };
}
