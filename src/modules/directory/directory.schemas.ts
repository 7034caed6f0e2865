/** Input shapes of the social-map forms and filters; every message is an i18n key. */
import { z } from 'zod';
import {
  ASSET_KINDS,
  BUDGET_BANDS,
  ISSUES,
  MATCH_MARKS,
  ORG_ROLES,
  ORG_TYPES,
  RESOURCE_KINDS,
  TARGET_GROUPS,
} from './vocabulary.js';
import { parseBangkokDay } from '../../shared/dates.js';
import { DIRECTORY_SORTS } from './social-map.js';
import {
  checkbox,
  codes,
  count,
  many,
  optionalAreaCode,
  optionalBaht,
  optionalText,
  text,
} from '../../shared/http/form-fields.js';

const emailOrEmpty = z
  .union([z.literal(''), z.string().trim().max(254, 'validation.tooLong').pipe(z.email('validation.email'))])
  .optional()
  .default('');
const websiteOrEmpty = z
  .union([
    z.literal(''),
    z
      .string()
      .trim()
      .max(300, 'validation.tooLong')
      .regex(/^https?:\/\/\S+$/i, 'directory.badWebsite'),
  ])
  .optional()
  .default('');

export const organisationSchema = z
  .object({
    nameTh: text(200).min(1, 'validation.required'),
    nameEn: optionalText(200),
    type: z.enum(ORG_TYPES, 'validation.choice'),
    roles: many(ORG_ROLES, 3).refine((r) => r.length > 0, 'directory.roleRequired'),
    issues: many(ISSUES),
    targetGroups: many(TARGET_GROUPS),
    description: optionalText(3000),
    provinceCode: z.string().regex(/^\d{2}$/, 'directory.provinceRequired'),
    districtCode: optionalAreaCode(4),
    subDistrictCode: optionalAreaCode(6),
    servedProvinces: codes(/^\d{2}$/, 77),
    servedDistricts: codes(/^\d{4}$/, 200),
    offers: many(RESOURCE_KINDS),
    offerMoney: optionalBaht,
    offerVolunteers: count(100_000),
    offerNote: optionalText(300),
    needs: many(RESOURCE_KINDS),
    needMoney: optionalBaht,
    needVolunteers: count(100_000),
    needNote: optionalText(300),
    members: count(10_000_000),
    budgetBand: z
      .union([z.literal(''), z.enum(BUDGET_BANDS, 'validation.choice')])
      .optional()
      .default(''),
    registrationNumber: optionalText(100),
    registeredWith: optionalText(200),
    publicPhone: optionalText(50),
    publicEmail: emailOrEmpty,
    website: websiteOrEmpty,
    publicAddress: optionalText(500),
    contactPerson: optionalText(200),
    privatePhone: optionalText(50),
    privateEmail: emailOrEmpty,
    networkIds: codes(/^[a-f0-9]{24}$/, 50),
    matchingOptIn: checkbox,
    confirmDuplicate: checkbox,
  })
  .transform((v) => {
    const resources = (kinds: typeof v.offers, money: number | undefined, volunteers: number, note: string) =>
      kinds.map((kind) => ({
        kind,
        amountSatang: kind === 'money' ? money : undefined,
        capacity: kind === 'volunteers' && volunteers ? volunteers : undefined,
        note: note || undefined,
      }));
    return {
      nameTh: v.nameTh,
      nameEn: v.nameEn,
      type: v.type,
      roles: v.roles,
      issues: v.issues,
      targetGroups: v.targetGroups,
      description: v.description,
      home: {
        provinceCode: v.provinceCode,
        districtCode: v.districtCode || undefined,
        subDistrictCode: v.subDistrictCode || undefined,
      },
      areasServed: [
        ...v.servedProvinces.map((provinceCode) => ({ provinceCode })),
        ...v.servedDistricts.map((d) => ({ provinceCode: d.slice(0, 2), districtCode: d })),
      ],
      offers: resources(v.offers, v.offerMoney, v.offerVolunteers, v.offerNote),
      needs: resources(v.needs, v.needMoney, v.needVolunteers, v.needNote),
      members: v.members,
      budgetBand: v.budgetBand || null,
      registrationNumber: v.registrationNumber,
      registeredWith: v.registeredWith,
      publicContact: { phone: v.publicPhone, email: v.publicEmail, website: v.website, address: v.publicAddress },
      privateContact: { person: v.contactPerson, phone: v.privatePhone, email: v.privateEmail },
      networkIds: v.networkIds,
      matchingOptIn: v.matchingOptIn,
      confirmDuplicate: v.confirmDuplicate,
    };
  });

/**
 * A page on this site to go back to after saving (`/calls/<id>`): a path only, so a link can never
 * send someone elsewhere (`//evil.example`, `/\evil`, `https://…` are dropped, not refused).
 */
export const returnToSchema = z.object({
  returnTo: z
    .string()
    .max(300)
    .regex(/^\/(?![/\\])[A-Za-z0-9\-._~/?=&%]*$/)
    .optional()
    .catch(undefined),
});

const optionalEnum = <T extends string>(values: readonly [T, ...T[]]) => z.enum(values).optional().catch(undefined);

/** Directory filters from the query string; a bad value means "any", never an error page. */
export const directoryQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: optionalEnum(ORG_ROLES),
  type: optionalEnum(ORG_TYPES),
  issue: optionalEnum(ISSUES),
  target: optionalEnum(TARGET_GROUPS),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  district: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  offers: optionalEnum(RESOURCE_KINDS),
  needs: optionalEnum(RESOURCE_KINDS),
  verified: z
    .enum(['yes', 'no'])
    .optional()
    .catch(undefined)
    .transform((v) => (v === 'yes' ? true : v === 'no' ? false : undefined)),
  network: z
    .string()
    .regex(/^[a-f0-9]{24}$/)
    .optional()
    .catch(undefined),
  sort: z
    .enum(DIRECTORY_SORTS)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? 'name'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  perPage: z.coerce.number().int().min(1).max(100).catch(20),
});

/** An area page's two lists, each paged on its own; a bad page number means the first. */
export const areaQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  surveysPage: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const surveySchema = z.object({
  title: text(200).min(1, 'validation.required'),
  surveyedOn: z.string().transform((v, ctx) => {
    const date = parseBangkokDay(v);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: 'validation.date' });
      return z.NEVER;
    }
    return date;
  }),
  assets: many(ASSET_KINDS),
  potentialText: optionalText(3000),
  problemIssues: many(ISSUES),
  problemsText: optionalText(3000),
  groupsCount: count(100_000),
  leadersCount: count(100_000),
  socialCapitalText: optionalText(3000),
  needKinds: many(RESOURCE_KINDS),
  needsText: optionalText(3000),
  byOrgId: z
    .union([z.literal(''), z.string().regex(/^[a-f0-9]{24}$/, 'validation.choice')])
    .optional()
    .default(''),
});

/** A member's mark on a suggested partner. */
export const matchMarkSchema = z.object({ status: z.enum(MATCH_MARKS, 'validation.choice') });

/** An invitation to join an organisation: the address it goes to. */
export const inviteSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(254, 'validation.tooLong')
    .pipe(z.email('validation.email')),
});

/** Staff's verify or unverify button: anything but 'true' takes the mark away. */
export const verifySchema = z.object({ verified: z.unknown().transform((v) => v === 'true') });
