/**
 * Zod builders for what HTML forms send (strings, absent checkboxes, repeated fields), shared by
 * every module's schemas. Every message is an i18n key, shown beside the field.
 */
import { z } from 'zod';
import { MAX_AMOUNT_SATANG, parseBahtToSatang, parseWholeNumber } from '../money.js';
import { parseBangkokDateTime, parseBangkokDay } from '../dates.js';

export const text = (max: number) => z.string().trim().max(max, 'validation.tooLong');
export const optionalText = (max: number) => text(max).optional().default('');
export const requiredText = (max: number) => text(max).min(1, 'validation.required');

/** A checkbox: present ("on") or absent. */
export const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal('')])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === '1');

/** A form's repeated field: absent, one value or many; at most `max`, each from the vocabulary. */
export const many = <T extends string>(values: readonly [T, ...T[]], max = 30) =>
  z
    .union([z.string(), z.array(z.string()).max(max, 'validation.tooLong')])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
    .pipe(z.array(z.enum(values, 'directory.notInVocabulary')));

/** A repeated field of codes matching `pattern` (area codes, ids). */
export const codes = (pattern: RegExp, max: number, message = 'directory.badArea') =>
  z
    .union([z.string(), z.array(z.string()).max(max, 'validation.tooLong')])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
    .pipe(z.array(z.string().regex(pattern, message)));

/** A whole number typed by a person ("1,200"); empty is 0. */
/** A person's email address, trimmed; required. */
export const email = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .pipe(z.email('validation.email'));

/** An optional province (2 digits), district (4) or sub-district (6) code from a drop-down; '' when none. */
export const optionalAreaCode = (digits: 2 | 4 | 6) =>
  z
    .union([z.literal(''), z.string().regex(new RegExp(`^\\d{${digits}}$`), 'directory.badArea')])
    .optional()
    .default('');

export const count = (max: number, message = 'directory.badCount') =>
  z
    .string()
    .trim()
    .max(12, 'validation.invalid')
    .optional()
    .transform((v, ctx) => {
      if (!v) return 0;
      const n = parseWholeNumber(v);
      if (n === null || n > max) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });

/** Why a typed amount was refused, as the i18n key shown beside the field. */
function amountProblem(value: string): string {
  if (value.trim() === '') return 'donations.amountRequired';
  // "1,0,0": the digits would make an amount, the commas are not thousands separators.
  if (value.includes(',') && parseBahtToSatang(value.replace(/,/g, '')) !== null) return 'donations.amountSeparators';
  return 'donations.amountInvalid';
}

/**
 * The satang of a baht amount typed by a person ("1,250.50"), at least `minSatang`; anything
 * else is a clear message. Never negative, fractional satang, or above the app's maximum: no
 * amount anywhere (gift, refund, correction, campaign goal, budget) may exceed it.
 */
function checkedSatang(value: string, ctx: z.RefinementCtx, minSatang: number): number {
  const satang = parseBahtToSatang(value);
  if (satang === null || satang < minSatang) {
    ctx.addIssue({ code: 'custom', message: amountProblem(value) });
    return z.NEVER;
  }
  if (satang > MAX_AMOUNT_SATANG) {
    ctx.addIssue({ code: 'custom', message: 'donations.amountAboveLimit' });
    return z.NEVER;
  }
  return satang;
}

const bahtText = z.string().trim().max(30, 'donations.amountInvalid');

/** A required baht amount above zero, as satang. */
export const baht = bahtText.transform((v, ctx) => checkedSatang(v, ctx, 1));

/** A baht amount that may be left blank: satang (zero allowed) or undefined. */
export const optionalBaht = bahtText.optional().transform((v, ctx) => (v ? checkedSatang(v, ctx, 0) : undefined));

/** A Bangkok calendar day (yyyy-mm-dd). */
export const bangkokDay = z.string().transform((v, ctx) => {
  const date = parseBangkokDay(v);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'validation.date' });
    return z.NEVER;
  }
  return date;
});

/** An object id from a form (a choice among listed things). */
export const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'validation.choice');

/** A Bangkok wall-clock time from a datetime-local field. */
export const bangkokDateTime = z.string().transform((v, ctx) => {
  const date = parseBangkokDateTime(v);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'validation.dateTime' });
    return z.NEVER;
  }
  return date;
});

/**
 * A form's rows as a list: an array as it is, an object keyed by index (what the body parser
 * makes past its array limit) in index order; anything else (`budget[a][item]`, a JSON object of
 * fields) is not rows and is returned unchanged, for the schema to refuse with a field message.
 */
export function rowList(value: unknown): unknown {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  if (!keys.every((k) => /^\d{1,4}$/.test(k))) return value;
  return keys.sort((a, b) => Number(a) - Number(b)).map((k) => (value as Record<string, unknown>)[k]);
}

/**
 * Repeated rows of a form (`budget[0][item]`, `budget[1][item]` …), as the body parser gives
 * them (see rowList). Rows left entirely blank (the spare rows a form offers without JavaScript)
 * are dropped before validation.
 */
export const rows = <S extends z.ZodRawShape>(shape: S, max: number) =>
  z.preprocess(
    (value) => {
      if (value === undefined || value === '') return [];
      const list = rowList(value);
      if (!Array.isArray(list)) return list;
      return list.filter(
        (row) =>
          !(
            row &&
            typeof row === 'object' &&
            Object.values(row as Record<string, unknown>).every(
              (v) => v === undefined || (typeof v === 'string' && v.trim() === ''),
            )
          ),
      );
    },
    z.array(z.object(shape), 'validation.invalid').max(max, 'validation.tooMany'),
  );
