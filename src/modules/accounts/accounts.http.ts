/**
 * What the account handlers do to the request itself, as promises: check a password through
 * passport, log a person in or out of the session, and remember their language in a cookie.
 */
import type { Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { LOCALE_COOKIE } from '../../shared/http/locale.js';
import type { SessionUser } from '../../shared/actor.js';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The person whose email and password the request carries, or false (no session is touched). */
export function authenticateLocal(req: Request, res: Response): Promise<SessionUser | false> {
  return new Promise((resolve, reject) => {
    const middleware = passport.authenticate(
      'local',
      { session: false },
      (error: unknown, user: SessionUser | false) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(user),
    ) as RequestHandler;
    void middleware(req, res, () => resolve(false));
  });
}

export function logIn(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => req.login(user, (error) => (error ? reject(error as Error) : resolve())));
}

/** Logs out and destroys the session (its cookie is cleared by the caller's response). */
export async function logOut(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) => req.logout((error) => (error ? reject(error as Error) : resolve())));
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
}

export function rememberLanguage(res: Response, user: SessionUser, secure: boolean): void {
  res.cookie(LOCALE_COOKIE, user.preferredLanguage, { maxAge: ONE_YEAR_MS, httpOnly: true, sameSite: 'lax', secure });
}
