/** Routes of the community module: news (public pages, the feed, and the staff pages that write it). */
import { Router } from 'express';
import { newsController } from './news.controller.js';
import { editNewsUpload, newNewsUpload } from './community.uploads.js';
import { withUploads } from '../../shared/http/upload.js';
import { requireRole } from '../../shared/http/guards.js';

export function communityRouter(options: { baseUrl: () => string }): Router {
  const news = newsController(options);
  const router = Router();
  const staffOnly = requireRole('staff', 'admin');
  router.get('/news', news.list);
  // Before /news/:id, which would take "feed.atom" for an id.
  router.get('/news/feed.atom', news.feed);
  router.get('/news/:id', news.show);
  router.get('/news/:id/photo', news.photo);
  router.get('/admin/news', staffOnly, news.adminList);
  router.get('/admin/news/new', staffOnly, news.newForm);
  router.post('/admin/news', staffOnly, withUploads({ ...newNewsUpload, form: news.formAgain }, news.save));
  router.get('/admin/news/:id/edit', staffOnly, news.editForm);
  router.post('/admin/news/:id', staffOnly, withUploads({ ...editNewsUpload, form: news.formAgain }, news.save));
  router.post('/admin/news/:id/publish', staffOnly, news.publish);
  return router;
}
