/**
 * News and activity reports: staff write and publish them (roles checked here), everyone reads
 * the published ones (the list, one item, the Atom feed, the latest on the giving menu). A draft
 * is "not found" to anyone but staff. A photo is a PNG or JPEG uploaded with the item.
 */
import mongoose from 'mongoose';
import { NewsItem } from './news.model.js';
import type { NewsKind } from './news.rules.js';
import { activeFundIdBySlug, fundNamesById, type FundName } from '../funds/index.js';
import { assertRole, hasRole, type Actor } from '../../shared/actor.js';
import { LoadingCache } from '../../shared/cache.js';
import { deleteStoredFile, readStoredFile, type StoredFile } from '../../shared/files.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';
import { textBlocks, type TextBlock } from '../../shared/text-blocks.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'news' });
const PER_PAGE = 12;
type Bilingual = { th: string; en: string };

export interface NewsInput {
  kind: NewsKind;
  title: Bilingual;
  summary: Bilingual;
  body: Bilingual;
  photoAlt: Bilingual;
  fundSlug: string | undefined;
  areaCode: string | undefined;
  removePhoto: boolean;
}

export interface NewsCard {
  id: string;
  kind: NewsKind;
  title: Bilingual;
  summary: Bilingual;
  publishedAt: Date | undefined;
  published: boolean;
  hasPhoto: boolean;
  photoAlt: Bilingual;
  fund: FundName | undefined;
}

export interface NewsView extends NewsCard {
  blocks: { th: TextBlock[]; en: TextBlock[] };
  body: Bilingual;
  areaCode: string | undefined;
  updatedAt: Date;
}

type Doc = InstanceType<typeof NewsItem>;
const both = (v: { th?: string | null; en?: string | null } | null | undefined): Bilingual => ({
  th: v?.th ?? '',
  en: v?.en ?? '',
});

function cardOf(doc: Doc, funds: Map<string, FundName>): NewsCard {
  return {
    id: String(doc._id),
    kind: doc.kind as NewsKind,
    title: both(doc.title),
    summary: both(doc.summary),
    publishedAt: doc.publishedAt ?? undefined,
    published: doc.published === true,
    hasPhoto: Boolean(doc.photo?.fileId),
    photoAlt: both(doc.photoAlt),
    fund: doc.fundId ? funds.get(String(doc.fundId)) : undefined,
  };
}

function viewOf(doc: Doc, funds: Map<string, FundName>): NewsView {
  const body = both(doc.body);
  return {
    ...cardOf(doc, funds),
    body,
    blocks: { th: textBlocks(body.th), en: textBlocks(body.en || body.th) },
    areaCode: doc.areaCode ?? undefined,
    updatedAt: doc.get('updatedAt') as Date,
  };
}

const isStaff = (actor: Actor) => Boolean(actor && hasRole(actor, 'staff', 'admin'));

async function load(id: string): Promise<Doc> {
  const doc = mongoose.isValidObjectId(id) ? await NewsItem.findById(id) : null;
  if (!doc) throw new NotFoundError('news.notFound');
  return doc;
}

// The giving menu shows the latest items on every visit: kept for a short while, dropped on a change.
const latest = new LoadingCache<NewsCard[]>(30_000);

/** The newest published items (the giving menu's "news" strip). */
export async function latestNews(count = 3): Promise<NewsCard[]> {
  return latest.get(String(count), async () => {
    const [docs, funds] = await Promise.all([
      NewsItem.find({ published: true }).sort({ publishedAt: -1 }).limit(count),
      fundNamesById(),
    ]);
    return docs.map((d) => cardOf(d, funds));
  });
}

/** The newest published items about one fund (its page). */
export async function newsOfFund(fundId: string, count = 3): Promise<NewsCard[]> {
  if (!mongoose.isValidObjectId(fundId)) return [];
  return latest.get(`fund:${fundId}:${count}`, async () => {
    const [docs, funds] = await Promise.all([
      NewsItem.find({ published: true, fundId: new mongoose.Types.ObjectId(fundId) })
        .sort({ publishedAt: -1 })
        .limit(count),
      fundNamesById(),
    ]);
    return docs.map((d) => cardOf(d, funds));
  });
}

/** The public list, newest first. */
export async function listPublishedNews(page: number): Promise<Page<NewsCard>> {
  const { skip, limit } = pageWindow(page, PER_PAGE);
  const [docs, total, funds] = await Promise.all([
    NewsItem.find({ published: true }).sort({ publishedAt: -1 }).skip(skip).limit(limit),
    NewsItem.countDocuments({ published: true }),
    fundNamesById(),
  ]);
  return buildPage(
    docs.map((d) => cardOf(d, funds)),
    total,
    page,
    PER_PAGE,
  );
}

/** One item: published for everyone, a draft for staff only ("not found" to the rest). */
export async function getNews(actor: Actor, id: string): Promise<NewsView> {
  const doc = await load(id);
  if (!doc.published && !isStaff(actor)) throw new NotFoundError('news.notFound');
  return viewOf(doc, await fundNamesById());
}

/** Its photo, to show: under the same rule as the item. */
export async function newsPhoto(actor: Actor, id: string) {
  const doc = await load(id);
  if ((!doc.published && !isStaff(actor)) || !doc.photo?.fileId) throw new NotFoundError('news.notFound');
  return {
    filename: doc.photo.filename ?? 'photo',
    contentType: doc.photo.contentType ?? 'image/jpeg',
    content: await readStoredFile(String(doc.photo.fileId)),
  };
}

export async function listNewsForStaff(actor: Actor, page: number): Promise<Page<NewsCard>> {
  assertRole(actor, 'staff', 'admin');
  const { skip, limit } = pageWindow(page, 30);
  const [docs, total, funds] = await Promise.all([
    NewsItem.find({}).sort({ createdAt: -1 }).skip(skip).limit(limit),
    NewsItem.countDocuments({}),
    fundNamesById(),
  ]);
  return buildPage(
    docs.map((d) => cardOf(d, funds)),
    total,
    page,
    30,
  );
}

export async function getNewsForEdit(actor: Actor, id: string): Promise<NewsView & { fundSlug: string }> {
  assertRole(actor, 'staff', 'admin');
  const doc = await load(id);
  const view = viewOf(doc, await fundNamesById());
  return { ...view, fundSlug: view.fund?.slug ?? '' };
}

/**
 * Saves a new item (no `id`) or an edited one, with its photo when one was sent (a PNG or JPEG:
 * a PDF is refused here, since it cannot be shown as a picture). Returns the item's id.
 */
export async function saveNews(
  actor: Actor,
  id: string | undefined,
  input: NewsInput,
  photo: StoredFile | undefined,
): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const by = new mongoose.Types.ObjectId(actor.id);
  if (photo && photo.contentType !== 'image/png' && photo.contentType !== 'image/jpeg')
    throw new ValidationError({ photo: { key: 'news.errors.photoType' } });
  const fundId = input.fundSlug ? await activeFundIdBySlug(input.fundSlug) : null;
  if (input.fundSlug && !fundId) throw new ValidationError({ fund: { key: 'validation.choice' } });
  const doc = id ? await load(id) : new NewsItem({ createdBy: by, published: false });
  const oldPhoto = doc.photo?.fileId ? String(doc.photo.fileId) : undefined;
  doc.set({
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    body: input.body,
    photoAlt: input.photoAlt,
    fundId: fundId ?? undefined,
    areaCode: input.areaCode || undefined,
    updatedBy: by,
  });
  if (photo) doc.set('photo', { fileId: photo.fileId, filename: photo.filename, contentType: photo.contentType });
  else if (input.removePhoto) doc.set('photo', undefined);
  // A photo says what it shows, for those who cannot see it.
  if (doc.photo?.fileId && !input.photoAlt.th)
    throw new ValidationError({ photoAltTh: { key: 'news.errors.photoAlt' } });
  await doc.save();
  // The replaced photo goes only once the item no longer points at it.
  if (oldPhoto && (photo || input.removePhoto)) await deleteStoredFile(oldPhoto).catch(() => undefined);
  latest.clear();
  log.info({ newsId: String(doc._id), actorId: actor.id }, id ? 'news edited' : 'news written');
  return String(doc._id);
}

/** Publishes (dated the first time) or takes back to draft. */
export async function setNewsPublished(actor: Actor, id: string, published: boolean): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  const doc = await load(id);
  doc.published = published;
  if (published && !doc.publishedAt) doc.publishedAt = new Date();
  await doc.save();
  latest.clear();
}
