/** Routes of the site module: the public content pages, and /admin/pages where staff edit them. */
import { Router } from 'express';
import { requireRole } from '../../shared/http/guards.js';
import type { FoundationInfo } from '../../config/index.js';
import { siteController as c } from './site.controller.js';
import { SITE_PAGES, configureSite } from './site.service.js';

export function siteRouter(options: { foundation: () => FoundationInfo }): Router {
  configureSite(options);
  const router = Router();
  // Mounted before the other routers: every page after it gets the footer's details.
  router.use(c.footer);
  for (const slug of SITE_PAGES) router.get(`/${slug}`, c.show(slug));
  router.get('/admin/pages', requireRole('staff', 'admin'), c.adminList);
  router.get('/admin/pages/details', requireRole('staff', 'admin'), c.editDetails);
  router.post('/admin/pages/details', requireRole('staff', 'admin'), c.saveDetails);
  router.get('/admin/pages/:slug', requireRole('staff', 'admin'), c.editPage);
  router.post('/admin/pages/:slug', requireRole('staff', 'admin'), c.savePage);
  return router;
}
