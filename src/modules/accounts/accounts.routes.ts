/** Routes of the accounts module: login, registration, password reset, the person's own account. */
import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { requireLogin } from '../../shared/http/guards.js';
import { TooManyRequestsError } from '../../shared/errors.js';
import { accountsController } from './accounts.controller.js';

function limiter(limit: number, windowMs: number) {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // One counter per address and email, so one person's typos do not lock out a whole office.
    keyGenerator: (req) => {
      const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase().slice(0, 254) : '';
      return `${ipKeyGenerator(req.ip ?? 'unknown')}|${email}`;
    },
    handler: () => {
      throw new TooManyRequestsError('errors.tooManyLogins');
    },
  });
}

/** Temporary (see the RATE LIMIT note below): five verification mails per person per hour, in this process. */
function resendLimiter() {
  return rateLimit({
    windowMs: 60 * 60 * 1000,
    limit: 5,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `verify:${req.user?.id ?? ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: () => {
      throw new TooManyRequestsError('errors.tooManyRequests');
    },
  });
}

export function accountsRouter(options: { baseUrl: () => string; secureCookies: boolean; loginAttemptsPerWindow: number }): Router {
  const c = accountsController(options);
  const router = Router();
  const fifteenMinutes = 15 * 60 * 1000;
  router.get('/login', c.showLogin);
  router.post('/login', limiter(options.loginAttemptsPerWindow, fifteenMinutes), c.login);
  router.post('/logout', c.logout);
  router.get('/register', c.showRegister);
  router.post('/register', c.register);
  router.get('/forgot-password', c.showForgot);
  router.post('/forgot-password', limiter(5, fifteenMinutes), c.forgot);
  router.get('/verify-email/:token', c.verifyEmail);
  // RATE LIMIT (issue 12, security 8): mount the shared per-person mail limiter from
  // src/shared/http/rate-limit.ts here once it exists; until then a per-process limit by person.
  router.post('/account/verification', requireLogin, resendLimiter(), c.resendVerification);
  router.get('/reset-password/:token', c.showReset);
  router.post('/reset-password/:token', c.reset);
  router.get('/account', requireLogin, c.showAccount);
  router.post('/account', requireLogin, c.updateAccount);
  router.post('/account/password', requireLogin, c.changePassword);
  return router;
}
