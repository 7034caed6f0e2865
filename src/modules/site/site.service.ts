/**
 * The foundation's public pages and its own details: read by everyone, edited by staff (checked
 * here, not only by the route). Every save is a new revision (site-page.model.ts), so the edit
 * page shows who changed a page and when; a save based on an older version than the current one
 * is refused as a conflict rather than silently overwriting a colleague's edit.
 */
import mongoose from 'mongoose';
import { FoundationDetailsRevision, SitePageRevision } from './site-page.model.js';
import { textBlocks, type TextBlock } from '../../shared/text-blocks.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { ConflictError, NotFoundError, isDuplicateKeyError } from '../../shared/errors.js';
import { LoadingCache } from '../../shared/cache.js';
import { logger } from '../../shared/logger.js';
import type { FoundationInfo } from '../../config/index.js';

const log = logger.child({ module: 'site' });

/** The pages the site has, in the order the footer and the staff list show them. */
export const SITE_PAGES = ['about', 'contact', 'privacy', 'tax-deduction'] as const;
export type SitePageSlug = (typeof SITE_PAGES)[number];

export function isSitePage(value: unknown): value is SitePageSlug {
  return typeof value === 'string' && (SITE_PAGES as readonly string[]).includes(value);
}

type Bilingual = { th: string; en: string };

export interface SitePageView {
  slug: SitePageSlug;
  version: number;
  title: Bilingual;
  body: Bilingual;
  blocks: { th: TextBlock[]; en: TextBlock[] };
  editedAt: Date;
  editedByName: string;
}

export interface RevisionSummary {
  version: number;
  editedAt: Date;
  /** Empty for the default content seeded at installation. */
  editedByName: string;
}

export interface FoundationDetails {
  version: number;
  registrationNumber: string;
  address: Bilingual;
  phone: string;
  email: string;
  officeHours: Bilingual;
  /** From config: where transfers go (shown on the contact page only where set). */
  bankAccount: string;
  promptPayId: string;
  taxId: string;
  editedAt: Date | null;
  editedByName: string;
}

let foundation: () => FoundationInfo | undefined = () => undefined;

/** Wiring (routes.ts): the foundation's settings from config, the defaults until staff save details. */
export function configureSite(options: { foundation: () => FoundationInfo }): void {
  foundation = options.foundation;
}

// Every page's footer reads the details, so they are kept for a short while (the TTL bounds how long
// another process's edit goes unseen) rather than read on every request. A site page itself is read
// fresh: on PostgreSQL or MongoDB that is one indexed query of a few milliseconds, on a page few open.
const detailsCache = new LoadingCache<FoundationDetails>(30_000);

const bi = (value: { th?: string | null; en?: string | null } | null | undefined): Bilingual => ({
  th: value?.th ?? '',
  en: value?.en ?? '',
});

async function latestPage(slug: SitePageSlug): Promise<SitePageView | null> {
  const doc = await SitePageRevision.findOne({ slug }).sort({ version: -1 }).lean();
  if (!doc) return null;
  const body = bi(doc.body);
  return {
    slug,
    version: doc.version,
    title: bi(doc.title),
    body,
    blocks: { th: textBlocks(body.th), en: textBlocks(body.en || body.th) },
    editedAt: doc.editedAt,
    editedByName: doc.editedByName ?? '',
  };
}

/** A public page; 404 for a slug the site does not have or a page never seeded. */
export async function getSitePage(slug: string): Promise<SitePageView> {
  if (!isSitePage(slug)) throw new NotFoundError('pages.notFound');
  const page = await latestPage(slug);
  if (!page) throw new NotFoundError('pages.notFound');
  return page;
}

function splitContact(contact: string | undefined): { phone: string; email: string } {
  if (!contact) return { phone: '', email: '' };
  return contact.includes('@') ? { phone: '', email: contact } : { phone: contact, email: '' };
}

async function loadDetails(): Promise<FoundationDetails> {
  const info = foundation();
  const fromConfig = {
    bankAccount: info?.bankAccount ?? '',
    promptPayId: info?.promptPayId ?? '',
    taxId: info?.taxId ?? '',
  };
  const doc = await FoundationDetailsRevision.findOne({ key: 'details' }).sort({ version: -1 }).lean();
  if (!doc) {
    // Nothing saved by staff yet: what the configuration says (registration number left blank, never guessed).
    return {
      version: 0,
      registrationNumber: '',
      address: { th: info?.address.th ?? '', en: info?.address.en ?? '' },
      ...splitContact(info?.contact),
      officeHours: { th: '', en: '' },
      ...fromConfig,
      editedAt: null,
      editedByName: '',
    };
  }
  return {
    version: doc.version,
    registrationNumber: doc.registrationNumber ?? '',
    address: bi(doc.address),
    phone: doc.phone ?? '',
    email: doc.email ?? '',
    officeHours: bi(doc.officeHours),
    ...fromConfig,
    editedAt: doc.editedAt,
    editedByName: doc.editedByName ?? '',
  };
}

/** The foundation's details for the footer, the about and contact pages (anyone may read them). */
export function getFoundationDetails(): Promise<FoundationDetails> {
  return detailsCache.get('details', loadDetails);
}

export interface SitePageListItem {
  slug: SitePageSlug;
  title: Bilingual;
  version: number;
  editedAt: Date | null;
  editedByName: string;
}

/** Staff: every page with its latest edit, and the details. */
export async function listSitePages(actor: Actor): Promise<{ pages: SitePageListItem[]; details: FoundationDetails }> {
  assertRole(actor, 'staff', 'admin');
  const pages = await Promise.all(SITE_PAGES.map((slug) => latestPage(slug)));
  return {
    pages: SITE_PAGES.map((slug, i) => {
      const page = pages[i];
      return {
        slug,
        title: page?.title ?? { th: '', en: '' },
        version: page?.version ?? 0,
        editedAt: page?.editedAt ?? null,
        editedByName: page?.editedByName ?? '',
      };
    }),
    details: await loadDetails(),
  };
}

async function historyOf(
  model: typeof SitePageRevision | typeof FoundationDetailsRevision,
  filter: Record<string, string>,
): Promise<RevisionSummary[]> {
  const docs = await (model as typeof SitePageRevision)
    .find(filter, { version: 1, editedAt: 1, editedByName: 1 })
    .sort({ version: -1 })
    .limit(50)
    .lean();
  return docs.map((d) => ({ version: d.version, editedAt: d.editedAt, editedByName: d.editedByName ?? '' }));
}

/** Staff: a page's current text for the edit form and its history (newest first). */
export async function getSitePageForEdit(
  actor: Actor,
  slug: string,
): Promise<{ page: SitePageView | null; slug: SitePageSlug; history: RevisionSummary[] }> {
  assertRole(actor, 'staff', 'admin');
  if (!isSitePage(slug)) throw new NotFoundError('pages.notFound');
  return { slug, page: await latestPage(slug), history: await historyOf(SitePageRevision, { slug }) };
}

export interface SitePageInput {
  /** The version the form was opened on; the save becomes version + 1. */
  version: number;
  title: Bilingual;
  body: Bilingual;
}

function editor(actor: NonNullable<Actor>) {
  return { editedById: new mongoose.Types.ObjectId(actor.id), editedByName: actor.name, editedAt: new Date() };
}

/** Inserts the next revision; a duplicate version means someone saved first (or the form was stale). */
async function insertRevision(
  insert: () => Promise<unknown>,
  currentVersion: number,
  formVersion: number,
): Promise<void> {
  if (formVersion !== currentVersion)
    throw new ConflictError('pages.editedMeanwhile', { _form: { key: 'pages.editedMeanwhile' } });
  try {
    await insert();
  } catch (error) {
    if (isDuplicateKeyError(error))
      throw new ConflictError('pages.editedMeanwhile', { _form: { key: 'pages.editedMeanwhile' } });
    throw error;
  }
}

export async function saveSitePage(actor: Actor, slug: string, input: SitePageInput): Promise<number> {
  assertRole(actor, 'staff', 'admin');
  if (!isSitePage(slug)) throw new NotFoundError('pages.notFound');
  const current = await latestPage(slug);
  const version = input.version + 1;
  await insertRevision(
    () =>
      SitePageRevision.create({
        slug,
        version,
        title: input.title,
        body: input.body,
        ...editor(actor as NonNullable<Actor>),
      }),
    current?.version ?? 0,
    input.version,
  );
  log.info({ slug, version, by: actor?.id }, 'site page saved');
  return version;
}

/** Staff: the details form and its history. */
export async function getFoundationDetailsForEdit(
  actor: Actor,
): Promise<{ details: FoundationDetails; history: RevisionSummary[] }> {
  assertRole(actor, 'staff', 'admin');
  return { details: await loadDetails(), history: await historyOf(FoundationDetailsRevision, { key: 'details' }) };
}

/** What staff edit: the details less those from config and the record of the last edit. */
export type FoundationDetailsInput = Omit<
  FoundationDetails,
  'bankAccount' | 'promptPayId' | 'taxId' | 'editedAt' | 'editedByName'
>;

export async function saveFoundationDetails(actor: Actor, input: FoundationDetailsInput): Promise<number> {
  assertRole(actor, 'staff', 'admin');
  const current = await FoundationDetailsRevision.findOne({ key: 'details' }, { version: 1 })
    .sort({ version: -1 })
    .lean();
  const { version: formVersion, ...fields } = input;
  const version = formVersion + 1;
  await insertRevision(
    () =>
      FoundationDetailsRevision.create({ key: 'details', version, ...fields, ...editor(actor as NonNullable<Actor>) }),
    current?.version ?? 0,
    formVersion,
  );
  detailsCache.clear();
  log.info({ version, by: actor?.id }, 'foundation details saved');
  return version;
}

export interface SitePageSeed {
  slug: SitePageSlug;
  title: Bilingual;
  body: Bilingual;
}

/** Seeding: version 1 of each page that has none yet (staff edits are never touched). */
export async function seedSitePages(seeds: readonly SitePageSeed[]): Promise<number> {
  let created = 0;
  for (const seed of seeds) {
    if (await SitePageRevision.exists({ slug: seed.slug })) continue;
    try {
      await SitePageRevision.create({ ...seed, version: 1, editedById: null, editedByName: '', editedAt: new Date() });
      created++;
    } catch (error) {
      // Another process seeded it a moment ago: the unique (slug, version) index kept one.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return created;
}

/** Whether every page has content (a start on an older database seeds the missing ones). */
export async function sitePagesSeeded(): Promise<boolean> {
  const found = await Promise.all(SITE_PAGES.map((slug) => SitePageRevision.exists({ slug })));
  return found.every(Boolean);
}
