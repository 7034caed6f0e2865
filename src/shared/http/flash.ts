/** One-time messages carried across a redirect ("Your profile was saved"), stored in the session. */
import type { Request, RequestHandler } from 'express';

export interface FlashMessage {
  type: 'success' | 'info' | 'error';
  key: string;
  params?: Record<string, unknown>;
}

export function flash(req: Request, message: FlashMessage): void {
  const list = req.session.flash ?? [];
  list.push(message);
  req.session.flash = list;
}

/** Moves pending messages into the view and clears them, so each shows once. */
export const exposeFlash: RequestHandler = (req, res, next) => {
  if (req.session?.flash?.length) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
