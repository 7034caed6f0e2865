/** Input shapes of the news pages: the staff form (Thai required, English optional) and the list's page. */
import { z } from 'zod';
import { checkbox, optionalText, requiredText } from '../../shared/http/form-fields.js';
import { NEWS_KINDS } from './news.rules.js';

const slugOrNone = z
  .union([z.literal(''), z.string().regex(/^[a-z0-9-]{2,60}$/, 'validation.choice')])
  .optional()
  .transform((v) => v || undefined);
const areaOrNone = z
  .union([z.literal(''), z.string().regex(/^\d{2}(\d{2}){0,2}$/, 'directory.badArea')])
  .optional()
  .transform((v) => v || undefined);

export const newsSchema = z
  .object({
    kind: z.enum(NEWS_KINDS, 'validation.choice'),
    titleTh: requiredText(200),
    titleEn: optionalText(200),
    summaryTh: requiredText(300),
    summaryEn: optionalText(300),
    bodyTh: requiredText(10_000),
    bodyEn: optionalText(10_000),
    photoAltTh: optionalText(200),
    photoAltEn: optionalText(200),
    fund: slugOrNone,
    areaCode: areaOrNone,
    removePhoto: checkbox,
  })
  .transform((v) => ({
    kind: v.kind,
    title: { th: v.titleTh, en: v.titleEn },
    summary: { th: v.summaryTh, en: v.summaryEn },
    body: { th: v.bodyTh, en: v.bodyEn },
    photoAlt: { th: v.photoAltTh, en: v.photoAltEn },
    fundSlug: v.fund,
    areaCode: v.areaCode,
    removePhoto: v.removePhoto,
  }));

export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });
export const publishSchema = z.object({ publish: z.enum(['yes', 'no'], 'validation.choice') });
