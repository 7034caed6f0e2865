/**
 * Stores the session before a redirect is answered. express-session otherwise writes the
 * redirect's headers (and all but the last byte of its body) while the session store is still
 * saving, and a browser follows the `Location` on the headers alone: the next page can then read
 * the session from before the request, and a "Draft saved" message set just before the redirect
 * never shows (seen in CI under load). After this explicit save express-session sees nothing
 * left to store and ends the response as usual.
 */
import type { RequestHandler, Response } from 'express';

export const saveSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session) return redirect(...args);
    req.session.save((error: unknown) => {
      if (error) return next(error);
      redirect(...args);
    });
  }) as Response['redirect'];
  next();
};
