/**
 * The only module that reads process.env. Everything the app needs is validated here at boot,
 * so a wrong setting stops the app with one readable sentence instead of failing later.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isValidThaiId, normaliseThaiId } from '../shared/thai-id.js';
import { parseBillerId, parsePromptPayId } from '../shared/promptpay-id.js';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** A signature image the receipts can print: a PNG or JPEG file of at most 1 MB, read at start. */
function isSignatureImage(file: string): boolean {
  try {
    if (statSync(file).size > 1024 * 1024) return false;
    const head = readFileSync(file).subarray(0, 4);
    return head.toString('hex').startsWith('89504e47') || head.toString('hex').startsWith('ffd8ff');
  } catch {
    return false;
  }
}
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = (protocols: RegExp) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(protocols, { message: 'must start with ' + protocols.source.replace(/[\\^()]/g, '') })
      .refine((v) => URL.canParse(v), { message: 'is not a valid URL' })
      .optional(),
  );

/** What a Thai donation receipt must carry: production does not start without them. */
const RECEIPT_ESSENTIALS = ['FOUNDATION_NAME_TH', 'FOUNDATION_ADDRESS_TH', 'FOUNDATION_TAX_ID'] as const;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: optionalUrl(/^https?:\/\//),
    MONGODB_URI: optionalUrl(/^mongodb(\+srv)?:\/\//),
    DATA_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: optionalString,
    STRIPE_SECRET_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(sk|rk)_(test|live)_/, { message: 'must start with sk_test_, sk_live_ or rk_' })
        .optional(),
    ),
    STRIPE_WEBHOOK_SECRET: optionalString,
    STRIPE_API_URL: optionalUrl(/^https?:\/\//),
    SMTP_URL: optionalUrl(/^smtps?:\/\//),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('Community Foundation <no-reply@localhost>')),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // No defaults for what a receipt must carry: production refuses to start without them (below).
    FOUNDATION_NAME_TH: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
    FOUNDATION_NAME_EN: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
    FOUNDATION_ADDRESS_TH: z.preprocess(emptyToUndefined, z.string().max(500).optional()),
    FOUNDATION_ADDRESS_EN: z.preprocess(emptyToUndefined, z.string().max(500).optional()),
    FOUNDATION_TAX_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isValidThaiId, { message: 'must be a 13-digit Thai tax ID with a valid check digit' })
        .optional(),
    ),
    FOUNDATION_BANK_ACCOUNT: optionalString,
    FOUNDATION_PROMPTPAY_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => parsePromptPayId(v) !== null, {
          message:
            'must be a PromptPay ID: a mobile number (10 digits), a tax ID (13 digits, valid check digit) ' +
            'or an e-wallet ID (15 digits)',
        })
        .optional(),
    ),
    /** A bill-payment biller ID (tax ID + 2-digit suffix) from the foundation's bank: QRs then carry the reference. */
    FOUNDATION_PROMPTPAY_BILLER_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => parseBillerId(v) !== null, {
          message: 'must be a biller ID: the 13-digit tax ID and a 2-digit suffix from the bank',
        })
        .optional(),
    ),
    /** How donors reach the foundation (phone, email), shown where giving needs a person. */
    FOUNDATION_CONTACT: z.preprocess(emptyToUndefined, z.string().max(300).optional()),
    /** Which fund bears Stripe's fee on a gift: the gift's own fund, or the general operating fund. */
    FOUNDATION_FEES_BORNE_BY: z.preprocess(emptyToUndefined, z.enum(['fund', 'general']).default('fund')),
    /** Registered with the Revenue Department's e-Donation: staff then report gifts in batches. */
    FOUNDATION_EDONATION_REGISTERED: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
    /** The foundation's standing as a charity, as the receipt states it (the Finance Ministry's notice). */
    FOUNDATION_CHARITY_REGISTRATION_TH: z.preprocess(emptyToUndefined, z.string().max(300).optional()),
    FOUNDATION_CHARITY_REGISTRATION_EN: z.preprocess(emptyToUndefined, z.string().max(300).optional()),
    FOUNDATION_SIGNATURE_IMAGE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isSignatureImage, { message: 'must be the path of a PNG or JPEG file of at most 1 MB' })
        .optional(),
    ),
    FOUNDATION_SIGNER_NAME: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
    FOUNDATION_SIGNER_TITLE_TH: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
    FOUNDATION_SIGNER_TITLE_EN: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
    SEED_DEMO_USERS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
    JOB_LOCK_LIFETIME_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(24 * 60 * 60 * 1000)
      .default(10 * 60 * 1000),
    /** Days after which a pledge still waiting for its transfer is reminded once, and after which it lapses. */
    PLEDGE_REMIND_AFTER_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(7)),
    PLEDGE_LAPSE_AFTER_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(730).default(30)),
  })
  .superRefine((env, ctx) => {
    if (env.PLEDGE_LAPSE_AFTER_DAYS <= env.PLEDGE_REMIND_AFTER_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['PLEDGE_LAPSE_AFTER_DAYS'],
        message: 'must be more days than PLEDGE_REMIND_AFTER_DAYS (a pledge is reminded before it lapses)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.NODE_ENV === 'production' && env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRET'],
        message: 'is required when STRIPE_SECRET_KEY is set (webhooks confirm every payment)',
      });
    }
    if (env.NODE_ENV === 'production') {
      const missing = RECEIPT_ESSENTIALS.filter((name) => !env[name]);
      if (missing.length > 0) {
        const names = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
        ctx.addIssue({
          code: 'custom',
          path: [names as string],
          message:
            `${missing.length === 1 ? 'is' : 'are'} required when NODE_ENV=production ` +
            "(every receipt prints the foundation's name, address and tax ID)",
        });
      }
    }
    if (env.SESSION_SECRET && env.SESSION_SECRET.length < 16) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'must be at least 16 characters' });
    }
  });

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  isProduction: boolean;
  port: number;
  baseUrl: string;
  /** Unset means the embedded FerretDB is started under dataDir. */
  mongodbUri: string | undefined;
  dataDir: string;
  /**
   * SESSION_SECRET; unset outside production, where the server start fills it from
   * DATA_DIR/session-secret (see session-secret.ts): there is no built-in default key.
   */
  sessionSecret: string | undefined;
  stripe: { secretKey: string | undefined; webhookSecret: string | undefined; apiUrl: string | undefined };
  /** Printed on receipts and shown for bank transfers. */
  foundation: FoundationInfo;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  seedDemoUsers: boolean;
  /** How long a background job a crashed process was running stays locked before another process takes it over. */
  jobLockLifetimeMs: number;
}

export interface FoundationInfo {
  name: { th: string; en: string };
  address: { th: string; en: string };
  /** 13 digits, or undefined when not configured (receipts then say so). */
  taxId: string | undefined;
  bankAccount: string | undefined;
  promptPayId: string | undefined;
  /** A bill-payment biller ID (15 digits): pledge QR codes then name the pledge (ref1). */
  promptPayBillerId: string | undefined;
  /** Phone or email for donors, when configured. */
  contact: string | undefined;
  /** Which fund bears a payment's processing fee: the gift's fund, or the general operating fund. */
  feesBorneBy: 'fund' | 'general';
  /** Days a pledge waits before its one reminder, and before it lapses. */
  pledgeRemindAfterDays: number;
  pledgeLapseAfterDays: number;
  /** Registered for the Revenue Department's e-Donation. */
  eDonationRegistered: boolean;
  /** Its registration as a charity, printed on receipts, when configured. */
  charityRegistration: { th: string; en: string } | undefined;
  /** The authorised signature printed on receipts, when configured. */
  signature: { imagePath: string; name: string; title: { th: string; en: string } } | undefined;
  /**
   * Settings a foundation still has to make, for the banner staff see outside production (empty
   * in production, which refuses to start without the receipt essentials).
   */
  missingSettings: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Builds the config from an environment (process.env by default); throws ConfigError listing every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}.`);
  }
  const env = parsed.data;
  const port = env.PORT;
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port,
    baseUrl: (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    mongodbUri: env.MONGODB_URI,
    dataDir: path.resolve(env.DATA_DIR),
    // Production must set its own (checked above); elsewhere server start keeps a random one in DATA_DIR.
    sessionSecret: env.SESSION_SECRET,
    stripe: { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiUrl: env.STRIPE_API_URL },
    foundation: foundationFrom(env),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    seedDemoUsers: env.SEED_DEMO_USERS ? env.SEED_DEMO_USERS === 'true' : env.NODE_ENV !== 'production',
    jobLockLifetimeMs: env.JOB_LOCK_LIFETIME_MS,
  };
}

/**
 * The foundation's details. Outside production a missing name or address gets a placeholder that
 * says which variable to set (and the staff banner lists it); production has them all (checked
 * above), and its English receipts fall back to the Thai name and address rather than a placeholder.
 */
function foundationFrom(env: z.infer<typeof envSchema>): FoundationInfo {
  const production = env.NODE_ENV === 'production';
  const nameTh = env.FOUNDATION_NAME_TH ?? 'มูลนิธิชุมชนสงขลา';
  const addressTh = env.FOUNDATION_ADDRESS_TH ?? 'ที่อยู่มูลนิธิ (ตั้งค่า FOUNDATION_ADDRESS_TH)';
  const missingSettings: string[] = production ? [] : RECEIPT_ESSENTIALS.filter((name) => !env[name]);
  if (!production && !env.FOUNDATION_BANK_ACCOUNT && !env.FOUNDATION_PROMPTPAY_ID)
    missingSettings.push('FOUNDATION_BANK_ACCOUNT / FOUNDATION_PROMPTPAY_ID');
  return {
    name: { th: nameTh, en: env.FOUNDATION_NAME_EN ?? (production ? nameTh : 'Songkhla Community Foundation') },
    address: {
      th: addressTh,
      en: env.FOUNDATION_ADDRESS_EN ?? (production ? addressTh : 'Foundation address (set FOUNDATION_ADDRESS_EN)'),
    },
    taxId: env.FOUNDATION_TAX_ID ? (normaliseThaiId(env.FOUNDATION_TAX_ID) ?? undefined) : undefined,
    bankAccount: env.FOUNDATION_BANK_ACCOUNT,
    promptPayId: env.FOUNDATION_PROMPTPAY_ID,
    promptPayBillerId: env.FOUNDATION_PROMPTPAY_BILLER_ID
      ? (parseBillerId(env.FOUNDATION_PROMPTPAY_BILLER_ID) ?? undefined)
      : undefined,
    contact: env.FOUNDATION_CONTACT,
    feesBorneBy: env.FOUNDATION_FEES_BORNE_BY,
    pledgeRemindAfterDays: env.PLEDGE_REMIND_AFTER_DAYS,
    pledgeLapseAfterDays: env.PLEDGE_LAPSE_AFTER_DAYS,
    eDonationRegistered: env.FOUNDATION_EDONATION_REGISTERED === 'true',
    charityRegistration: env.FOUNDATION_CHARITY_REGISTRATION_TH
      ? {
          th: env.FOUNDATION_CHARITY_REGISTRATION_TH,
          en: env.FOUNDATION_CHARITY_REGISTRATION_EN ?? env.FOUNDATION_CHARITY_REGISTRATION_TH,
        }
      : undefined,
    signature: env.FOUNDATION_SIGNATURE_IMAGE
      ? {
          imagePath: path.resolve(env.FOUNDATION_SIGNATURE_IMAGE),
          name: env.FOUNDATION_SIGNER_NAME ?? '',
          title: {
            th: env.FOUNDATION_SIGNER_TITLE_TH ?? '',
            en: env.FOUNDATION_SIGNER_TITLE_EN ?? env.FOUNDATION_SIGNER_TITLE_TH ?? '',
          },
        }
      : undefined,
    missingSettings,
  };
}

/**
 * Loads a `.env` file into process.env when there is one (variables already set win), so a
 * volunteer can configure the app by copying .env.example.
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
