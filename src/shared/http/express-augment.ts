/** What our middleware adds to Express's request and session types. */
import type { Logger } from 'pino';
import type { Locale } from '../i18n/index.js';
import type { FlashMessage } from './flash.js';
import type { SessionUser } from '../actor.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      id: string;
      log: Logger;
      locale: Locale;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    flash?: FlashMessage[];
  }
}

export {};
