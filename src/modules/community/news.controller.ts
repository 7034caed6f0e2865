/**
 * The news pages: the public list, one item (with Open Graph tags for LINE and Facebook and
 * share links), its photo, the Atom feed; and the staff pages that write and publish them.
 */
import type { Request, Response } from 'express';
import {
  getNews,
  getNewsForEdit,
  listNewsForStaff,
  listPublishedNews,
  newsPhoto,
  saveNews,
  setNewsPublished,
} from './news.service.js';
import { newsSchema, pageQuery, publishSchema } from './news.schemas.js';
import { atomFeed } from './news.rules.js';
import { sharingLocals } from '../../shared/share-links.js';
import { listFunds } from '../funds/index.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { form } from '../../shared/http/forms.js';
import { keepUploads, uploadedFiles } from '../../shared/http/upload.js';
import { sendImage } from '../../shared/http/send-file.js';
import { localized, translate, type Locale } from '../../shared/i18n/index.js';

const FORM_VIEW = 'community/news-form';
const FEED_ENTRIES = 20;

async function formLocals() {
  return { funds: (await listFunds()).map((f) => ({ slug: f.slug, name: f.name })) };
}

export function newsController(options: { baseUrl: () => string }) {
  const itemUrl = (id: string) => `${options.baseUrl()}/news/${id}`;
  return {
    list: async (req: Request, res: Response) => {
      const { page } = parseInput(pageQuery, req.query);
      res.render('community/news', { news: await listPublishedNews(page) });
    },

    show: async (req: Request, res: Response) => {
      const item = await getNews(req.user, String(req.params.id));
      const locale = (res.locals.locale ?? 'th') as Locale;
      const url = itemUrl(item.id);
      res.render('community/news-item', {
        item,
        ...sharingLocals({
          url,
          type: 'article',
          title: item.title,
          description: item.summary,
          image: item.hasPhoto ? `${url}/photo` : undefined,
          locale,
        }),
      });
    },

    photo: async (req: Request, res: Response) => {
      sendImage(res, await newsPhoto(req.user, String(req.params.id)));
    },

    feed: async (req: Request, res: Response) => {
      const locale = (res.locals.locale ?? 'th') as Locale;
      const { items } = await listPublishedNews(1);
      const site = translate(locale, 'site.name');
      const xml = atomFeed(
        {
          url: `${options.baseUrl()}/news/feed.atom`,
          siteUrl: `${options.baseUrl()}/news`,
          title: `${translate(locale, 'news.title')} · ${site}`,
          author: site,
          now: new Date(),
        },
        items.slice(0, FEED_ENTRIES).map((n) => ({
          url: itemUrl(n.id),
          title: localized(n.title, locale),
          summary: localized(n.summary, locale),
          published: n.publishedAt ?? new Date(0),
          updated: n.publishedAt ?? new Date(0),
        })),
      );
      res.type('application/atom+xml; charset=utf-8').send(xml);
    },

    adminList: async (req: Request, res: Response) => {
      const { page } = parseInput(pageQuery, req.query);
      res.render('community/admin-news', { news: await listNewsForStaff(req.user, page) });
    },

    newForm: async (_req: Request, res: Response) => {
      res.render(FORM_VIEW, { ...(await formLocals()), values: { kind: 'news' } });
    },

    editForm: async (req: Request, res: Response) => {
      const item = await getNewsForEdit(req.user, String(req.params.id));
      res.render(FORM_VIEW, {
        ...(await formLocals()),
        item,
        values: {
          kind: item.kind,
          titleTh: item.title.th,
          titleEn: item.title.en,
          summaryTh: item.summary.th,
          summaryEn: item.summary.en,
          bodyTh: item.body.th,
          bodyEn: item.body.en,
          photoAltTh: item.photoAlt.th,
          photoAltEn: item.photoAlt.en,
          fund: item.fundSlug,
          areaCode: item.areaCode ?? '',
        },
      });
    },

    /** The form again with its messages, after the upload step refused the photo. */
    formAgain: async (req: Request, res: Response) => {
      res.locals.formView = FORM_VIEW;
      Object.assign(res.locals, await formLocals());
      if (req.params.id) res.locals.item = await getNewsForEdit(req.user, String(req.params.id));
    },

    save: form(FORM_VIEW, async (req: Request, res: Response) => {
      const id = req.params.id ? String(req.params.id) : undefined;
      Object.assign(res.locals, await formLocals());
      if (id) res.locals.item = await getNewsForEdit(req.user, id);
      const input = parseInput(newsSchema, req.body);
      const saved = await saveNews(req.user, id, input, uploadedFiles(req)[0]);
      keepUploads(req);
      flash(req, { type: 'success', key: id ? 'news.saved' : 'news.created' });
      res.redirect(303, `/admin/news/${saved}/edit`);
    }),

    publish: async (req: Request, res: Response) => {
      const { publish } = parseInput(publishSchema, req.body);
      await setNewsPublished(req.user, String(req.params.id), publish === 'yes');
      flash(req, { type: 'success', key: publish === 'yes' ? 'news.publishedNow' : 'news.unpublished' });
      res.redirect(303, `/admin/news/${String(req.params.id)}/edit`);
    },
  };
}
