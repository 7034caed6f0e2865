/**
 * Input shapes of the giving forms. Amounts arrive as baht text in the form's own field (`amount`,
 * `goal`) and leave as integer satang named for it (`amountSatang`, `goalSatang`); every message
 * is an i18n key shown beside its field.
 */
import { z } from 'zod';
import { isValidThaiId, normaliseThaiId } from '../../shared/thai-id.js';
import { parseBangkokDay } from '../../shared/dates.js';
import { baht, bangkokDay, checkbox, email, optionalText, requiredText, text } from '../../shared/http/form-fields.js';
import { CHANNELS, FREQUENCIES, OFFLINE_CHANNELS } from './donation.rules.js';
import { DONATION_STATUSES } from './donation.status.js';

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
const submissionId = z.string().regex(/^[0-9a-f-]{36}$/i, 'validation.invalid');

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
  const parsed = baht.safeParse(useTyped ? (value.customAmount ?? '') : value.amount);
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
    name: requiredText(200),
    email,
    anonymous: checkbox,
    dedication: text(300).optional(),
    /** "Add the fee so the fund gets the whole gift" (online payment only). */
    coverFee: checkbox,
    /** "Email me when this campaign posts an update" (a campaign's form only). */
    followCampaign: checkbox,
    submissionId,
    ...taxFields,
  })
  .superRefine(checkTaxFields)
  .transform((value, ctx) => ({ ...value, amountSatang: amountFrom(value, ctx), taxReceipt: taxReceiptFrom(value) }));

export const offlineGiftSchema = z
  .object({
    fund: slug,
    campaign: optionalShortName,
    amount: baht,
    channel: z.enum(OFFLINE_CHANNELS, 'validation.choice'),
    receivedAt: bangkokDay,
    reference: optionalText(200),
    name: requiredText(200),
    email: z.union([email, z.literal('')]).optional(),
    /**
     * The donor's language, for the receipt email: Thai unless staff choose otherwise (never the staff member's own).
     */
    donorLocale: z.enum(['th', 'en'], 'validation.choice').default('th'),
    anonymous: checkbox,
    dedication: text(300).optional(),
    submissionId,
    ...taxFields,
  })
  .superRefine(checkTaxFields)
  .transform(({ amount, ...value }) => ({ ...value, amountSatang: amount, taxReceipt: taxReceiptFrom(value) }));

export const refundSchema = z
  .object({ amount: baht, submissionId })
  .transform(({ amount, ...value }) => ({ ...value, amountSatang: amount }));

export const confirmPledgeSchema = z.object({
  receivedAt: bangkokDay,
  reference: optionalText(200),
});

export const adjustmentSchema = z
  .object({
    fund: slug,
    direction: z.enum(['credit', 'debit'], 'validation.choice'),
    amount: baht,
    memo: requiredText(500),
    submissionId,
  })
  .transform(({ amount, ...value }) => ({ ...value, amountSatang: amount }));

export const campaignSchema = z
  .object({
    fund: slug,
    slug: shortName,
    nameTh: requiredText(200),
    nameEn: requiredText(200),
    descriptionTh: optionalText(5000),
    descriptionEn: optionalText(5000),
    goal: baht,
    endsOn: bangkokDay,
  })
  .refine((v) => v.endsOn.getTime() > Date.now(), { path: ['endsOn'], message: 'donations.endInPast' })
  .transform(({ goal, ...value }) => ({ ...value, goalSatang: goal }));

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
export const claimGiftSchema = z.object({ reference: requiredText(20), email });

export const yearSchema = z.object({ year: z.coerce.number().int().min(2400).max(2800) });
