/**
 * Input shapes of the giving forms. Amounts arrive as baht text and leave as integer satang;
 * every message is an i18n key shown beside its field.
 */
import { z } from 'zod';
import { MAX_AMOUNT_SATANG, parseBahtToSatang } from '../../shared/money.js';
import { isValidThaiId, normaliseThaiId } from '../../shared/thai-id.js';
import { parseBangkokDay } from '../../shared/dates.js';
import { CHANNELS, DONATION_STATUSES, FREQUENCIES, OFFLINE_CHANNELS } from './donation.rules.js';

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong');
const required = (max: number) => text(max).min(1, 'validation.required');
const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal('')])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === '1');
const slug = z.string().regex(/^[a-z0-9-]{2,60}$/, 'validation.choice');
const optionalSlug = z
  .union([slug, z.literal('')])
  .optional()
  .transform((v) => v || undefined);
/** A campaign's short name as staff type it: the message says what a valid one looks like (not "choose an option"). */
const shortName = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,60}$/, 'donations.campaignSlugInvalid');
const optionalShortName = z
  .union([shortName, z.literal('')])
  .optional()
  .transform((v) => v || undefined);
const email = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .pipe(z.email('validation.email'));
const submissionId = z.string().regex(/^[0-9a-f-]{36}$/i, 'validation.invalid');

/** Why a typed amount was refused, as the i18n key shown beside the field. */
function amountProblem(value: string): string {
  if (value.trim() === '') return 'donations.amountRequired';
  // "1,0,0": the digits would make an amount, the commas are not thousands separators.
  if (value.includes(',') && parseBahtToSatang(value.replace(/,/g, '')) !== null) return 'donations.amountSeparators';
  return 'donations.amountInvalid';
}

/**
 * A baht amount typed by a person ("1,250.50") → satang; anything else → a clear message. No
 * amount anywhere (gift, refund, correction, campaign goal) may exceed the app's maximum.
 */
export const bahtAmount = z
  .string()
  .max(30, 'donations.amountInvalid')
  .transform((value, ctx) => {
    const satang = parseBahtToSatang(value);
    if (satang === null || satang <= 0) {
      ctx.addIssue({ code: 'custom', message: amountProblem(value) });
      return z.NEVER;
    }
    if (satang > MAX_AMOUNT_SATANG) {
      ctx.addIssue({ code: 'custom', message: 'donations.amountAboveLimit' });
      return z.NEVER;
    }
    return satang;
  });

const thaiId = z
  .string()
  .trim()
  .max(20, 'donations.taxIdInvalid')
  .refine(isValidThaiId, 'donations.taxIdInvalid')
  .transform((v) => normaliseThaiId(v) as string);

const taxFields = {
  wantsTaxReceipt: checkbox,
  taxFullName: text(200).optional(),
  taxId: text(20).optional(),
  taxAddress: text(500).optional(),
  eDonationConsent: checkbox,
};

type TaxFields = {
  wantsTaxReceipt: boolean;
  taxFullName?: string | undefined;
  taxId?: string | undefined;
  taxAddress?: string | undefined;
  eDonationConsent: boolean;
};

/** Tax receipt details are checked only when the donor asked for them. */
function checkTaxFields(value: TaxFields, ctx: z.RefinementCtx): void {
  if (!value.wantsTaxReceipt) return;
  if (!value.taxFullName) ctx.addIssue({ code: 'custom', path: ['taxFullName'], message: 'validation.required' });
  if (!value.taxAddress) ctx.addIssue({ code: 'custom', path: ['taxAddress'], message: 'validation.required' });
  if (!value.taxId) ctx.addIssue({ code: 'custom', path: ['taxId'], message: 'validation.required' });
  else if (!thaiId.safeParse(value.taxId).success)
    ctx.addIssue({ code: 'custom', path: ['taxId'], message: 'donations.taxIdInvalid' });
}

export function taxReceiptFrom(value: TaxFields) {
  if (!value.wantsTaxReceipt) return undefined;
  return {
    fullName: value.taxFullName as string,
    taxId: normaliseThaiId(value.taxId as string) as string,
    address: value.taxAddress as string,
    eDonationConsent: value.eDonationConsent,
  };
}

/**
 * The amount: what the donor typed in "other amount" whenever they typed something (a chip
 * preselected on the form must never silently win over it), otherwise the chosen chip.
 */
function amountFrom(
  value: { amount?: string | undefined; customAmount?: string | undefined },
  ctx: z.RefinementCtx,
): number {
  const useTyped = (value.customAmount ?? '').trim() !== '' || value.amount === 'other' || !value.amount;
  const parsed = bahtAmount.safeParse(useTyped ? (value.customAmount ?? '') : value.amount);
  if (!parsed.success) {
    ctx.addIssue({
      code: 'custom',
      path: [useTyped ? 'customAmount' : 'amount'],
      message: parsed.error.issues[0]?.message ?? 'donations.amountInvalid',
    });
    return 0;
  }
  return parsed.data;
}

export const donateSchema = z
  .object({
    fund: slug,
    campaign: optionalSlug,
    amount: text(30).optional(),
    customAmount: text(30).optional(),
    frequency: z.enum(FREQUENCIES, 'validation.choice').default('one_time'),
    name: required(200),
    email,
    anonymous: checkbox,
    dedication: text(300).optional(),
    submissionId,
    ...taxFields,
  })
  .superRefine(checkTaxFields)
  .transform((value, ctx) => ({ ...value, amountSatang: amountFrom(value, ctx), taxReceipt: taxReceiptFrom(value) }));

const day = (key: string) =>
  z.string().transform((v, ctx) => {
    const date = parseBangkokDay(v);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: key });
      return z.NEVER;
    }
    return date;
  });

export const offlineGiftSchema = z
  .object({
    fund: slug,
    campaign: optionalShortName,
    amount: bahtAmount,
    channel: z.enum(OFFLINE_CHANNELS, 'validation.choice'),
    receivedAt: day('validation.date'),
    reference: text(200).optional().default(''),
    name: required(200),
    email: z.union([email, z.literal('')]).optional(),
    /** The donor's language, for the receipt email: Thai unless staff choose otherwise (never the staff member's own). */
    donorLocale: z.enum(['th', 'en'], 'validation.choice').default('th'),
    anonymous: checkbox,
    dedication: text(300).optional(),
    submissionId,
    ...taxFields,
  })
  .superRefine(checkTaxFields)
  .transform((value) => ({ ...value, taxReceipt: taxReceiptFrom(value) }));

export const refundSchema = z.object({ amount: bahtAmount, submissionId });

export const confirmPledgeSchema = z.object({
  receivedAt: day('validation.date'),
  reference: text(200).optional().default(''),
});

export const adjustmentSchema = z.object({
  fund: slug,
  direction: z.enum(['credit', 'debit'], 'validation.choice'),
  amount: bahtAmount,
  memo: required(500),
  submissionId,
});

export const campaignSchema = z
  .object({
    fund: slug,
    slug: shortName,
    nameTh: required(200),
    nameEn: required(200),
    descriptionTh: text(5000).optional().default(''),
    descriptionEn: text(5000).optional().default(''),
    goal: bahtAmount,
    endsOn: day('validation.date'),
  })
  .refine((v) => v.endsOn.getTime() > Date.now(), { path: ['endsOn'], message: 'donations.endInPast' });

const optionalDay = z
  .string()
  .optional()
  .transform((v) => (v ? (parseBangkokDay(v) ?? undefined) : undefined));

/** Filters of the staff list; bad values fall back to "any" rather than failing a bookmark. */
export const donationFilterSchema = z.object({
  fund: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/)
    .optional()
    .catch(undefined),
  status: z.enum(DONATION_STATUSES).optional().catch(undefined),
  channel: z.enum(CHANNELS).optional().catch(undefined),
  from: optionalDay.catch(undefined),
  to: optionalDay.catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** A donor claiming a gift given before their account: the reference code and the address used. */
export const claimGiftSchema = z.object({ reference: required(20), email });

export const yearSchema = z.object({ year: z.coerce.number().int().min(2400).max(2800) });
