/**
 * A campaign's story pages: its cover picture, the stop link of its update emails, and the staff
 * page where the story is written and updates are posted (the public page is funds.controller's).
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  campaignCover,
  campaignStory,
  postCampaignUpdate,
  saveCampaignStory,
  stopCampaignUpdates,
} from './campaign-story.service.js';
import { getCampaign } from './campaign.service.js';
import { checkbox, optionalText, requiredText } from '../../shared/http/form-fields.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { form } from '../../shared/http/forms.js';
import { keepUploads, uploadedFiles } from '../../shared/http/upload.js';
import { sendImage } from '../../shared/http/send-file.js';
import { randomUUID } from 'node:crypto';

const STAFF_VIEW = 'admin/campaign';
const storySchema = z
  .object({
    storyTh: optionalText(10_000),
    storyEn: optionalText(10_000),
    coverAltTh: optionalText(200),
    coverAltEn: optionalText(200),
    removeCover: checkbox,
  })
  .transform((v) => ({
    story: { th: v.storyTh, en: v.storyEn },
    coverAlt: { th: v.coverAltTh, en: v.coverAltEn },
    removeCover: v.removeCover,
  }));
const updateSchema = z
  .object({
    titleTh: requiredText(200),
    titleEn: optionalText(200),
    bodyTh: requiredText(5_000),
    bodyEn: optionalText(5_000),
    submissionId: z.string().regex(/^[0-9a-f-]{36}$/i, 'validation.invalid'),
  })
  .transform((v) => ({
    title: { th: v.titleTh, en: v.titleEn },
    body: { th: v.bodyTh, en: v.bodyEn },
    submissionId: v.submissionId,
  }));

async function staffLocals(slug: string) {
  const [campaign, story] = await Promise.all([getCampaign(slug, { closedToo: true }), campaignStory(slug)]);
  return { campaign, story, submissionId: randomUUID() };
}

export function campaignStoryController(options: { baseUrl: () => string }) {
  const slugOf = (req: Request) => String(req.params.slug);
  return {
    cover: async (req: Request, res: Response) => {
      sendImage(res, await campaignCover(slugOf(req)));
    },

    stopForm: async (req: Request, res: Response) => {
      res.render('funds/stop-updates', {
        campaign: await getCampaign(slugOf(req), { closedToo: true }),
        email: typeof req.query.email === 'string' ? req.query.email : '',
        token: typeof req.query.token === 'string' ? req.query.token : '',
      });
    },

    stop: async (req: Request, res: Response) => {
      await stopCampaignUpdates(slugOf(req), req.body?.email, req.body?.token);
      flash(req, { type: 'success', key: 'campaigns.stopped' });
      res.redirect(303, `/campaigns/${slugOf(req)}`);
    },

    staffPage: async (req: Request, res: Response) => {
      const locals = await staffLocals(slugOf(req));
      res.render(STAFF_VIEW, {
        ...locals,
        values: {
          storyTh: locals.story.story.th,
          storyEn: locals.story.story.en,
          coverAltTh: locals.story.coverAlt.th,
          coverAltEn: locals.story.coverAlt.en,
        },
      });
    },

    /** The staff page again, with the cover field's message, after the upload step refused it. */
    formAgain: async (req: Request, res: Response) => {
      res.locals.formView = STAFF_VIEW;
      Object.assign(res.locals, await staffLocals(slugOf(req)));
    },

    saveStory: form(STAFF_VIEW, async (req: Request, res: Response) => {
      Object.assign(res.locals, await staffLocals(slugOf(req)));
      const input = parseInput(storySchema, req.body);
      await saveCampaignStory(req.user, slugOf(req), input, uploadedFiles(req)[0]);
      keepUploads(req);
      flash(req, { type: 'success', key: 'campaigns.storySaved' });
      res.redirect(303, `/admin/campaigns/${slugOf(req)}`);
    }),

    postUpdate: form(STAFF_VIEW, async (req: Request, res: Response) => {
      Object.assign(res.locals, await staffLocals(slugOf(req)));
      const input = parseInput(updateSchema, req.body);
      const { mailed } = await postCampaignUpdate(req.user, slugOf(req), input, options.baseUrl());
      flash(req, { type: 'success', key: 'campaigns.updatePosted', params: { count: mailed } });
      res.redirect(303, `/admin/campaigns/${slugOf(req)}`);
    }),
  };
}
