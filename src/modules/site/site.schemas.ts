/** Input shapes of the staff forms for pages and the foundation's details (messages are i18n keys). */
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong');
const required = (max: number) => text(max).min(1, 'validation.required');
const version = z.coerce
  .number({ message: 'validation.invalid' })
  .int('validation.invalid')
  .min(0, 'validation.invalid')
  .max(1_000_000, 'validation.invalid');

export const sitePageSchema = z
  .object({
    version,
    titleTh: required(200),
    titleEn: required(200),
    bodyTh: required(20_000),
    bodyEn: required(20_000),
  })
  .transform((v) => ({
    version: v.version,
    title: { th: v.titleTh, en: v.titleEn },
    body: { th: v.bodyTh, en: v.bodyEn },
  }));

// Phone numbers as people write them: digits, spaces, +, -, parentheses, commas and "ext"/"ต่อ".
const phone = text(60).regex(/^(?:[0-9+\-() ,.]|ต่อ|ext\.?)*$/i, 'pages.phoneInvalid');
const optionalEmail = z.union([z.literal(''), text(254).pipe(z.email('validation.email'))]);

export const foundationDetailsSchema = z
  .object({
    version,
    registrationNumber: text(60),
    addressTh: required(500),
    addressEn: text(500),
    phone,
    email: z.string().trim().pipe(optionalEmail),
    officeHoursTh: text(200),
    officeHoursEn: text(200),
  })
  .transform((v) => ({
    version: v.version,
    registrationNumber: v.registrationNumber,
    address: { th: v.addressTh, en: v.addressEn },
    phone: v.phone,
    email: v.email.toLowerCase(),
    officeHours: { th: v.officeHoursTh, en: v.officeHoursEn },
  }));
