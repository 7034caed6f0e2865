/** Routes of grant calls, applications, reviews and awards. */
import { Router } from 'express';
import { grantsController } from './grants.controller.js';
import { reviewController } from './review.controller.js';
import { requireLogin, requireRole } from '../../shared/http/guards.js';
import { withUploads } from '../../shared/http/upload.js';
import { attachmentUpload, reportUpload } from './grants.uploads.js';

export function grantsRouter(): Router {
  const c = grantsController();
  const reviews = reviewController();
  const router = Router();
  const staff = requireRole('staff', 'admin');
  router.get('/calls', c.calls);
  router.get('/calls/:id', c.call);
  router.get('/api/v1/calls', c.apiCalls);
  router.post('/calls/:id/applications', requireLogin, c.start);

  router.get('/applications', requireLogin, c.myApplications);
  router.get('/applications/:id', requireLogin, c.application);
  router.get('/applications/:id/edit', requireLogin, c.editForm);
  router.post('/applications/:id', requireLogin, c.save);
  router.post('/applications/:id/transitions', requireLogin, c.move);
  router.post('/applications/:id/attachments', requireLogin, withUploads(attachmentUpload, c.upload));
  router.post('/applications/:id/attachments/:fileId/delete', requireLogin, c.removeFile);
  router.get('/applications/:id/attachments/:fileId', requireLogin, c.download);
  router.post('/applications/:id/reviewers', staff, c.assign);
  router.post('/applications/:id/reviews/:reviewId/clear-conflict', staff, reviews.clearConflict);
  router.post('/applications/:id/award', staff, c.award);

  router.post('/awards/:awardId/tranches/:number/pay', staff, c.pay);
  router.post('/awards/:awardId/reports/:reportId', requireLogin, withUploads(reportUpload, c.report));
  router.post('/awards/:awardId/reports/:reportId/review', staff, c.reviewReport);
  router.get('/awards/:awardId/photos/:photoId', requireLogin, c.photo);

  router.get('/reviews', requireRole('reviewer'), c.myReviews);
  router.get('/reviews/:applicationId', requireRole('reviewer'), c.review);
  router.post('/reviews/:applicationId/conflict', requireRole('reviewer'), c.declare);
  router.post('/reviews/:applicationId', requireRole('reviewer'), c.score);

  router.get('/admin/calls', staff, c.adminCalls);
  router.get('/admin/calls/new', staff, c.newCallForm);
  router.post('/admin/calls', staff, c.createCall);
  router.get('/admin/calls/:id', staff, c.adminCall);
  router.get('/admin/calls/:id/edit', staff, c.editCallForm);
  router.post('/admin/calls/:id', staff, c.updateCall);
  router.post('/admin/calls/:id/publish', staff, c.publish);
  router.post('/admin/calls/:id/assign', staff, c.autoAssign);
  router.get('/admin/calls/:id/decisions', staff, c.decisions);
  router.get('/admin/calls/:id/decisions.csv', staff, c.decisionsCsv);
  return router;
}
