/**
 * Form handlers: `form('accounts/register', handler)` names the view that shows the form, so a
 * ValidationError or ConflictError thrown anywhere below re-renders that form with messages
 * beside the fields and what was typed (never passwords) — handlers stay a few lines long.
 */
import type { Request, RequestHandler, Response } from 'express';

export function form(view: string, handler: (req: Request, res: Response) => Promise<void> | void): RequestHandler {
  return async (req, res) => {
    res.locals.formView = view;
    await handler(req, res);
  };
}

/** What the person typed, for re-rendering a form; secrets and the CSRF token are dropped. */
export function typedValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([key]) => key !== '_csrf' && !/password|token/i.test(key)),
  );
}
