/**
 * Builds the Express app (no listen): what the server runs and what the tests import. Needs an
 * open mongoose connection (sessions live in the database).
 */
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import MongoStore from 'connect-mongo';
import mongoose from 'mongoose';
import './shared/http/express-augment.js';
import type { AppConfig } from './config/index.js';
import { PROJECT_ROOT } from './shared/paths.js';
import { createViewEngine } from './shared/views/engine.js';
import { requestId } from './shared/http/request-id.js';
import { requireDatabase } from './shared/db/availability.js';
import { rejectDangerousKeys } from './shared/http/sanitize.js';
import { DEFAULT_RATE_LIMITS, resolveRateLimits, type RateLimitSettings } from './shared/http/rate-limit.js';
import { urlencodedBody } from './shared/http/body-parsers.js';
import { localeMiddleware } from './shared/http/locale.js';
import { csrfProtection } from './shared/http/csrf.js';
import { exposeFlash } from './shared/http/flash.js';
import { errorHandler, notFound } from './shared/http/error-handler.js';
import { pingDatabase } from './shared/db/connection.js';
import { configureMail } from './shared/mail/mailer.js';
import {
  configurePassport,
  setPreferredLanguage,
  subscribeAccountNotifications,
  SESSIONS_COLLECTION,
} from './modules/accounts/index.js';
import { hasRole } from './shared/actor.js';
import { mountRoutes } from './routes.js';
import {
  configurePayments,
  configureFoundation,
  subscribeDonationNotifications,
  subscribePaymentFees,
  subscribeGiftLinking,
  stripeWebhookRouter,
} from './modules/funds/index.js';
import { subscribeGrantNotifications } from './modules/grants/index.js';
import { configureSigning } from './shared/signing.js';
import { sessionSecretOf } from './config/session-secret.js';
import { setSiteName } from './shared/i18n/index.js';
import { saveSessionBeforeRedirect } from './shared/http/session-redirect.js';

export const SESSION_COOKIE = 'cf.sid';
const TWO_WEEKS_MS = 14 * 24 * 60 * 60 * 1000;

export interface AppOptions {
  /** Failed logins allowed per address and email in 15 minutes (shorthand for rateLimits.login). */
  loginAttemptsPerWindow?: number;
  /** Limits per window of the shared rate limiters (shared/http/rate-limit.ts); tests set low ones. */
  rateLimits?: Partial<RateLimitSettings>;
}

export function createApp(config: AppConfig, options: AppOptions = {}): Express {
  const sessionSecret = sessionSecretOf(config);
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer in production: trust its one hop for the client address and HTTPS.
  app.set('trust proxy', config.isProduction ? 1 : false);
  app.engine('hbs', createViewEngine().engine);
  app.set('view engine', 'hbs');
  app.set('views', path.join(PROJECT_ROOT, 'views'));
  app.set('query parser', 'extended');
  // Compiled templates are cached everywhere but in development, where edits should show at once.
  app.set('view cache', config.env !== 'development');

  // Only a developer without SMTP sees secret links (in the console), to follow a reset link at all.
  configureMail({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    revealSecretsInLog: config.env === 'development' && !config.smtpUrl,
  });
  const passport = configurePassport();
  subscribeAccountNotifications(() => config.baseUrl);
  configurePayments(config.stripe);
  configureFoundation(config.foundation);
  setSiteName(config.foundation.name);
  configureSigning(sessionSecret);
  subscribeDonationNotifications(() => config.baseUrl);
  subscribePaymentFees();
  // Gifts given before registering join the account once its address is verified.
  subscribeGiftLinking();
  subscribeGrantNotifications(() => config.baseUrl);

  app.use(requestId);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'", 'https://checkout.stripe.com'],
          upgradeInsecureRequests: config.isProduction ? [] : null,
        },
      },
      strictTransportSecurity: config.isProduction,
    }),
  );
  app.use('/public', express.static(path.join(PROJECT_ROOT, 'public'), { maxAge: config.isProduction ? '7d' : 0 }));
  // Browsers ask for /favicon.ico on every page whatever the <link rel=icon> says: answer with the icon.
  app.get('/favicon.ico', (_req, res) => {
    res
      .type('image/x-icon')
      .sendFile(path.join(PROJECT_ROOT, 'public', 'favicon.ico'), { maxAge: config.isProduction ? '7d' : 0 });
  });

  app.get('/healthz', async (_req, res) => {
    const up = await pingDatabase();
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'error', db: up ? 'up' : 'down' });
  });

  // Everything below needs the database: while it is down, answer 503 at once (Stripe retries later).
  app.use(requireDatabase);

  // Stripe signs the exact bytes it sends: the webhook reads its raw body before any parser.
  app.use(stripeWebhookRouter());

  app.use(cookieParser());
  // Field names are bounded before anything is built (multipart: the upload routes, same rule).
  app.use(urlencodedBody());
  app.use(express.json({ limit: '100kb' }));
  app.use(rejectDangerousKeys);

  app.use(
    session({
      name: SESSION_COOKIE,
      secret: sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.isProduction, maxAge: TWO_WEEKS_MS },
      store: MongoStore.create({
        client: mongoose.connection.getClient(),
        dbName: mongoose.connection.name,
        collectionName: SESSIONS_COLLECTION,
        // FerretDB has no TTL indexes: a job deletes expired sessions instead (jobs/index.ts).
        autoRemove: 'disabled',
        touchAfter: 24 * 60 * 60,
      }),
    }),
  );
  // A message set before a redirect is stored before the browser can follow it.
  app.use(saveSessionBeforeRedirect);
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(
    localeMiddleware({
      secureCookie: config.isProduction,
      rememberForUser: async (req, locale) => {
        if (!req.user) return;
        await setPreferredLanguage(req.user, locale);
        req.user.preferredLanguage = locale;
      },
    }),
  );
  app.use((req, res, next) => {
    res.locals.user = req.user;
    res.locals.isStaff = hasRole(req.user, 'staff', 'admin');
    res.locals.isReviewer = hasRole(req.user, 'reviewer');
    res.locals.isAdmin = hasRole(req.user, 'admin');
    next();
  });
  app.use(csrfProtection);
  app.use(exposeFlash);

  app.locals.rateLimits = resolveRateLimits({
    ...(options.loginAttemptsPerWindow
      ? { login: { ...DEFAULT_RATE_LIMITS.login, limit: options.loginAttemptsPerWindow } }
      : {}),
    ...options.rateLimits,
  });
  mountRoutes(app, config);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
