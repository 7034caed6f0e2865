/**
 * Rate limits on everything that sends mail, creates a checkout or guesses a password, shared by
 * every app process through the database.
 *
 * Each window of each key has `limit` numbered slots; a counted request claims one by inserting
 * `{_id: '<bucket>:<n>'}`. The unique `_id` makes the insert the atomic step (FerretDB v1 has no
 * atomic `$inc`), so parallel requests in several processes never get more than `limit` slots.
 * Slots are found by equality on `bucket` (pushed down to the index). A request whose slot should
 * not count (a login that succeeded, a form refused as invalid) gives it back when it answers.
 * Old slots are deleted by the clean-up job (no TTL indexes on FerretDB).
 *
 * Mount a ready-made limiter: `router.post('/x', rateLimits.verificationEmail, handler)`. Limits
 * come from the app (AppOptions.rateLimits), read per request from `req.app.locals`.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import mongoose, { Schema } from 'mongoose';
import { TooManyRequestsError, isDuplicateKeyError } from '../errors.js';
import { logger } from '../logger.js';

const log = logger.child({ module: 'rate-limit' });

const slotSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** `<limiter>:<hashed key>:<window number>`: the slots of one key in one window. */
    bucket: { type: String, required: true, index: true },
    /** The end of the window: the clean-up job deletes the slot after it. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const RateLimitSlot = mongoose.model('RateLimitSlot', slotSchema);

export interface Limit {
  /** Counted requests allowed per window and key. */
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every limit of the app, per window. Addresses are generous (a school or a mobile carrier puts
 * many people behind one); people and email addresses are tight.
 */
export const DEFAULT_RATE_LIMITS = {
  /** Failed logins per address + email (successful ones are not counted). */
  login: { limit: 10, windowMs: 15 * MINUTE },
  /** Sign-ups per address. */
  registration: { limit: 20, windowMs: HOUR },
  /** Password-reset requests per address, and per email asked about. */
  passwordReset: { limit: 20, windowMs: HOUR },
  passwordResetEmail: { limit: 5, windowMs: HOUR },
  /** Invitations to an organisation per person sending them, and per invited address. */
  invitation: { limit: 20, windowMs: 24 * HOUR },
  invitationAddress: { limit: 3, windowMs: 24 * HOUR },
  /** Gifts started (Stripe Checkout sessions or pledges) per address. */
  checkout: { limit: 20, windowMs: 10 * MINUTE },
  /** Gifts started per donor email (each pledge emails that address). */
  checkoutEmail: { limit: 10, windowMs: HOUR },
  /** Verification emails sent again, per person. */
  verificationEmail: { limit: 5, windowMs: HOUR },
} satisfies Record<string, Limit>;

export type LimiterName = keyof typeof DEFAULT_RATE_LIMITS;
export type RateLimitSettings = Record<LimiterName, Limit>;

/** The app's limits: the defaults with what AppOptions changes (tests use low ones). */
export function resolveRateLimits(overrides: Partial<RateLimitSettings> = {}): RateLimitSettings {
  return { ...DEFAULT_RATE_LIMITS, ...overrides };
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 22);

export interface Claim {
  /** Gives the slot back (the request turned out not to count). */
  release(): Promise<void>;
}

/**
 * Claims a slot of `name` for `key`, or answers null when every slot of this window is taken.
 * Exported for services and jobs; routes use the middlewares below.
 */
export async function claimSlot(
  name: string,
  key: string,
  { limit, windowMs }: Limit,
  now = Date.now(),
): Promise<Claim | null> {
  const windowNumber = Math.floor(now / windowMs);
  const bucket = `${name}:${hashKey(key)}:${windowNumber}`;
  const expiresAt = new Date((windowNumber + 1) * windowMs);
  for (let round = 0; round < 3; round++) {
    const taken = new Set((await RateLimitSlot.find({ bucket }, { _id: 1 }).lean()).map((s) => s._id));
    const free = Array.from({ length: limit }, (_, n) => `${bucket}:${n}`).filter((id) => !taken.has(id));
    if (free.length === 0) return null;
    for (const id of free) {
      try {
        await RateLimitSlot.create({ _id: id, bucket, expiresAt });
        return { release: async () => void (await RateLimitSlot.deleteOne({ _id: id })) };
      } catch (error) {
        // Another request took this slot a moment ago: try the next one.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }
  return null;
}

/** Deletes the slots of windows that have ended (the clean-up job); returns how many. */
export async function purgeExpiredRateLimitSlots(now = new Date()): Promise<number> {
  return (await RateLimitSlot.deleteMany({ expiresAt: { $lt: now } })).deletedCount;
}

/** Which answers keep their slot: `accepted` (a mail or checkout went out) or `failed` (a wrong password). */
type Counts = 'accepted' | 'failed';

interface LimiterSpec {
  name: LimiterName;
  /** The key to count by; undefined skips this limiter for the request (nothing to count by). */
  key: (req: Request) => string | undefined;
  counts: Counts;
  /** i18n key of the 429 page's message; `{{minutes}}` is filled in. */
  messageKey?: string;
}

function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function bodyEmail(req: Request): string | undefined {
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase().slice(0, 254) : undefined;
}

function keepsSlot(counts: Counts, res: Response): boolean {
  const ok = res.statusCode < 400;
  return counts === 'accepted' ? ok : !ok && res.statusCode !== 429;
}

function limiter(spec: LimiterSpec): RequestHandler {
  return async (req, res, next) => {
    const key = spec.key(req);
    if (key === undefined) return next();
    const settings = (req.app.locals.rateLimits as RateLimitSettings | undefined) ?? DEFAULT_RATE_LIMITS;
    const limit = settings[spec.name];
    const claim = await claimSlot(spec.name, key, limit);
    if (!claim) {
      const windowEnd = (Math.floor(Date.now() / limit.windowMs) + 1) * limit.windowMs;
      const seconds = Math.max(1, Math.ceil((windowEnd - Date.now()) / 1000));
      req.log?.warn({ limiter: spec.name }, 'rate limit reached');
      throw new TooManyRequestsError(
        spec.messageKey ?? 'errors.tooManyRequestsWait',
        { minutes: Math.ceil(seconds / 60) },
        seconds,
      );
    }
    res.once('finish', () => {
      if (keepsSlot(spec.counts, res)) return;
      claim
        .release()
        .catch((error: unknown) =>
          log.warn({ err: error, limiter: spec.name }, 'could not give a rate-limit slot back'),
        );
    });
    next();
  };
}

/** The limiters routes mount. Each counts only what it says; the limits are the app's (AppOptions.rateLimits). */
export const rateLimits = {
  /** POST /login: failed logins per address and email; a good login gives its slot back. */
  login: limiter({
    name: 'login',
    counts: 'failed',
    key: (req) => `${clientAddress(req)}|${bodyEmail(req) ?? ''}`,
    messageKey: 'errors.tooManyLogins',
  }),
  /** POST /register: sign-ups per address. */
  registration: limiter({ name: 'registration', counts: 'accepted', key: clientAddress }),
  /** POST /forgot-password: per address, and per email asked about (mount both). */
  passwordReset: limiter({ name: 'passwordReset', counts: 'accepted', key: clientAddress }),
  passwordResetEmail: limiter({ name: 'passwordResetEmail', counts: 'accepted', key: bodyEmail }),
  /** POST /organisations/:id/invitations: per person sending, and per invited address (mount both). */
  invitation: limiter({ name: 'invitation', counts: 'accepted', key: (req) => req.user?.id ?? clientAddress(req) }),
  invitationAddress: limiter({ name: 'invitationAddress', counts: 'accepted', key: bodyEmail }),
  /** POST /donate: gifts started per address (each may create a Stripe Checkout session). */
  checkout: limiter({ name: 'checkout', counts: 'accepted', key: clientAddress }),
  /** POST /donate: gifts started per donor email, so nobody fills a stranger's inbox with pledge mail (mount both). */
  checkoutEmail: limiter({ name: 'checkoutEmail', counts: 'accepted', key: bodyEmail }),
  /** Sending the email-verification link again: per person (per address when signed out). */
  verificationEmail: limiter({
    name: 'verificationEmail',
    counts: 'accepted',
    key: (req) => req.user?.id ?? clientAddress(req),
  }),
} satisfies Record<LimiterName, RequestHandler>;
