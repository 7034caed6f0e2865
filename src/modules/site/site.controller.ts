/** Public content pages and the staff pages that edit them: parse, call one service, render. */
import type { NextFunction, Request, Response } from 'express';
import { form } from '../../shared/http/forms.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { foundationDetailsSchema, sitePageSchema } from './site.schemas.js';
import {
  SITE_PAGES,
  getFoundationDetails,
  getFoundationDetailsForEdit,
  getSitePage,
  getSitePageForEdit,
  listSitePages,
  saveFoundationDetails,
  saveSitePage,
  type FoundationDetails,
  type SitePageView,
} from './site.service.js';

function pageValues(page: SitePageView | null) {
  return {
    titleTh: page?.title.th ?? '',
    titleEn: page?.title.en ?? '',
    bodyTh: page?.body.th ?? '',
    bodyEn: page?.body.en ?? '',
  };
}

function detailsValues(d: FoundationDetails) {
  return {
    registrationNumber: d.registrationNumber,
    addressTh: d.address.th,
    addressEn: d.address.en,
    phone: d.phone,
    email: d.email,
    officeHoursTh: d.officeHours.th,
    officeHoursEn: d.officeHours.en,
  };
}

export const siteController = {
  /** Every page's footer: the foundation's registration number and contact (a cached read). */
  footer: async (_req: Request, res: Response, next: NextFunction) => {
    res.locals.siteDetails = await getFoundationDetails();
    res.locals.sitePages = SITE_PAGES;
    next();
  },

  /** GET /about, /contact, /privacy, /tax-deduction. */
  show: (slug: string) => async (req: Request, res: Response) => {
    const page = await getSitePage(slug);
    const details = await getFoundationDetails();
    res.render('site/page', {
      page,
      blocks: page.blocks[req.locale],
      details,
      hasBank: Boolean(details.bankAccount || details.promptPayId),
      isAbout: slug === 'about',
      isContact: slug === 'contact',
      isPrivacy: slug === 'privacy',
    });
  },

  adminList: async (req: Request, res: Response) => {
    res.render('site/admin-pages', await listSitePages(req.user));
  },

  editPage: async (req: Request, res: Response) => {
    const data = await getSitePageForEdit(req.user, String(req.params.slug));
    res.render('site/admin-page-edit', {
      ...data,
      baseVersion: data.page?.version ?? 0,
      values: pageValues(data.page),
    });
  },

  savePage: form('site/admin-page-edit', async (req, res) => {
    // Loaded first: a refused save shows the form again with its history, based on the current version.
    const data = await getSitePageForEdit(req.user, String(req.params.slug));
    Object.assign(res.locals, data, { baseVersion: data.page?.version ?? 0 });
    const input = parseInput(sitePageSchema, req.body);
    await saveSitePage(req.user, data.slug, input);
    flash(req, { type: 'success', key: 'pages.saved' });
    res.redirect(303, `/admin/pages/${data.slug}`);
  }),

  editDetails: async (req: Request, res: Response) => {
    const data = await getFoundationDetailsForEdit(req.user);
    res.render('site/admin-details', {
      ...data,
      baseVersion: data.details.version,
      values: detailsValues(data.details),
    });
  },

  saveDetails: form('site/admin-details', async (req, res) => {
    const data = await getFoundationDetailsForEdit(req.user);
    Object.assign(res.locals, data, { baseVersion: data.details.version });
    const input = parseInput(foundationDetailsSchema, req.body);
    await saveFoundationDetails(req.user, input);
    flash(req, { type: 'success', key: 'pages.detailsSaved' });
    res.redirect(303, '/admin/pages/details');
  }),
};
