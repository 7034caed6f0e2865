/**
 * A campaign told as a story: staff write it and set a cover picture, post updates as the appeal
 * goes, and the donors who asked get each update by email (once each, in their language, with a
 * signed link that stops them). The page shows the story, the progress with the number of donors,
 * and the updates, newest first.
 */
import mongoose from 'mongoose';
import { Campaign } from './campaign.model.js';
import { CampaignUpdate } from './campaign-update.model.js';
import { Donation } from './donation.model.js';
import { findOrCreateBySubmissionKey } from './donation-submission.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { deleteStoredFile, readStoredFile, type StoredFile } from '../../shared/files.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { queueMail } from '../../shared/mail/mailer.js';
import { sign, verifySignature } from '../../shared/signing.js';
import { textBlocks, type TextBlock } from '../../shared/text-blocks.js';
import { localized, type Locale } from '../../shared/i18n/index.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'campaigns' });
const CONFIRMED = ['paid', 'partially_refunded'] as const;
const UPDATES_SHOWN = 20;
type Bilingual = { th: string; en: string };
const both = (v: { th?: string | null; en?: string | null } | null | undefined): Bilingual => ({
  th: v?.th ?? '',
  en: v?.en ?? '',
});

async function campaignBySlug(slug: string) {
  const doc = /^[a-z0-9-]{2,60}$/.test(slug) ? await Campaign.findOne({ slug }) : null;
  if (!doc) throw new NotFoundError();
  return doc;
}

export interface CampaignStory {
  story: Bilingual;
  blocks: { th: TextBlock[]; en: TextBlock[] };
  hasCover: boolean;
  coverAlt: Bilingual;
  donorCount: number;
  updates: { id: string; title: Bilingual; blocks: { th: TextBlock[]; en: TextBlock[] }; postedAt: Date }[];
}

/** People who gave to the campaign: one per email address, and each gift without one. */
async function donorCount(campaignId: mongoose.Types.ObjectId): Promise<number> {
  const query = { campaignId, status: { $in: [...CONFIRMED] } };
  const [emails, withoutEmail] = await Promise.all([
    Donation.distinct('donor.email', query),
    Donation.countDocuments({ ...query, 'donor.email': { $in: [null, ''] } }),
  ]);
  return emails.filter((e) => typeof e === 'string' && e !== '').length + withoutEmail;
}

export async function campaignStory(slug: string): Promise<CampaignStory> {
  const doc = await campaignBySlug(slug);
  const [updates, donors] = await Promise.all([
    CampaignUpdate.find({ campaignId: doc._id }).sort({ createdAt: -1 }).limit(UPDATES_SHOWN).lean(),
    donorCount(doc._id),
  ]);
  const story = both(doc.story);
  return {
    story,
    blocks: { th: textBlocks(story.th), en: textBlocks(story.en || story.th) },
    hasCover: Boolean(doc.cover?.fileId),
    coverAlt: both(doc.coverAlt),
    donorCount: donors,
    updates: updates.map((u) => ({
      id: String(u._id),
      title: both(u.title),
      blocks: { th: textBlocks(u.body?.th ?? ''), en: textBlocks(u.body?.en || u.body?.th || '') },
      postedAt: u.createdAt as Date,
    })),
  };
}

export async function campaignCover(slug: string) {
  const doc = await campaignBySlug(slug);
  if (!doc.cover?.fileId || !doc.active) throw new NotFoundError();
  return {
    filename: doc.cover.filename ?? 'cover',
    contentType: doc.cover.contentType ?? 'image/jpeg',
    content: await readStoredFile(String(doc.cover.fileId)),
  };
}

export interface StoryInput {
  story: Bilingual;
  coverAlt: Bilingual;
  removeCover: boolean;
}

/** Staff write the story and set (or remove) the cover; a cover says what it shows. */
export async function saveCampaignStory(actor: Actor, slug: string, input: StoryInput, cover?: StoredFile) {
  assertRole(actor, 'staff', 'admin');
  if (cover && cover.contentType !== 'image/png' && cover.contentType !== 'image/jpeg')
    throw new ValidationError({ cover: { key: 'news.errors.photoType' } });
  const doc = await campaignBySlug(slug);
  const old = doc.cover?.fileId ? String(doc.cover.fileId) : undefined;
  doc.set({ story: input.story, coverAlt: input.coverAlt });
  if (cover) doc.set('cover', { fileId: cover.fileId, filename: cover.filename, contentType: cover.contentType });
  else if (input.removeCover) doc.set('cover', undefined);
  if (doc.cover?.fileId && !input.coverAlt.th)
    throw new ValidationError({ coverAltTh: { key: 'news.errors.photoAlt' } });
  await doc.save();
  if (old && (cover || input.removeCover)) await deleteStoredFile(old).catch(() => undefined);
}

export interface UpdateInput {
  title: Bilingual;
  body: Bilingual;
  submissionId: string;
}

/** The link in an update email that stops them (for that address and campaign). */
export function stopUpdatesPath(slug: string, email: string): string {
  const value = `${slug}:${email}`;
  return `/campaigns/${slug}/stop-updates?email=${encodeURIComponent(email)}&token=${sign('campaign-updates', value)}`;
}

/** Posts an update once (a form sent twice posts one) and emails each donor who asked, once. */
export async function postCampaignUpdate(actor: Actor, slug: string, input: UpdateInput, baseUrl: string) {
  assertRole(actor, 'staff', 'admin');
  const campaign = await campaignBySlug(slug);
  const { doc: update, created } = await findOrCreateBySubmissionKey(
    CampaignUpdate,
    `update:${input.submissionId}`,
    () => ({
      campaignId: campaign._id,
      title: input.title,
      body: input.body,
      postedBy: new mongoose.Types.ObjectId(actor.id),
    }),
  );
  const updateId = String(update._id);
  if (!created) return { updateId, mailed: update.mailedCount ?? 0 };
  const followers = await Donation.find(
    { campaignId: campaign._id, campaignUpdates: true, status: { $in: [...CONFIRMED] } },
    { donor: 1 },
  ).lean();
  const byEmail = new Map(followers.filter((d) => d.donor?.email).map((d) => [d.donor.email as string, d.donor]));
  for (const [email, donor] of byEmail) {
    const locale = (donor.locale ?? 'th') as Locale;
    await queueMail({
      to: email,
      locale,
      template: 'campaignUpdate',
      params: {
        name: donor.name,
        campaign: localized(both(campaign.name), locale),
        title: localized(both(update.title), locale),
        body: localized(both(update.body), locale),
        url: `${baseUrl}/campaigns/${slug}`,
        stopUrl: `${baseUrl}${stopUpdatesPath(slug, email)}`,
      },
      secretParams: ['stopUrl'],
      idempotencyKey: `campaign-update:${updateId}:${email}`,
    });
  }
  await CampaignUpdate.updateOne({ _id: update._id }, { $set: { mailedCount: byEmail.size } });
  log.info({ campaignId: String(campaign._id), updateId, mailed: byEmail.size }, 'campaign update posted');
  return { updateId, mailed: byEmail.size };
}

/** A donor's signed link stops the campaign's update emails to that address (every gift of it). */
export async function stopCampaignUpdates(slug: string, email: unknown, token: unknown): Promise<void> {
  const campaign = await campaignBySlug(slug);
  if (typeof email !== 'string' || !verifySignature('campaign-updates', `${slug}:${email}`, token))
    throw new NotFoundError();
  await Donation.updateMany(
    { campaignId: campaign._id, campaignUpdates: true, 'donor.email': email },
    { $set: { campaignUpdates: false } },
  );
}
