/** Routes of grant calls, applications, reviews and awards. */
import { Router } from 'express';
import { callController } from './call.controller.js';
import { applicationController } from './application.controller.js';
import { awardController, reportFormAgain } from './award.controller.js';
import { reviewController } from './review.controller.js';
import { requireLogin, requireRole } from '../../shared/http/guards.js';
import { withUploads } from '../../shared/http/upload.js';
import { applicationFormUpload, attachmentUpload, reportUpload } from './grants.uploads.js';

export function grantsRouter(): Router {
  const calls = callController();
  const applications = applicationController();
  const awards = awardController();
  const reviews = reviewController();
  const router = Router();
  const staff = requireRole('staff', 'admin');
  router.get('/calls', calls.calls);
  router.get('/calls/:id', calls.call);
  router.get('/api/v1/calls', calls.apiCalls);
  router.post('/calls/:id/applications', requireLogin, applications.start);

  router.get('/applications', requireLogin, applications.myApplications);
  router.get('/applications/:id', requireLogin, applications.application);
  router.get('/applications/:id/edit', requireLogin, applications.editForm);
  router.post(
    applicationFormUpload.path,
    requireLogin,
    withUploads({ ...applicationFormUpload, form: applications.refused }, applications.save),
  );
  router.post('/applications/:id/transitions', requireLogin, applications.move);
  router.post(
    attachmentUpload.path,
    requireLogin,
    withUploads({ ...attachmentUpload, form: applications.refused }, applications.upload),
  );
  router.post('/applications/:id/attachments/:fileId/delete', requireLogin, applications.removeFile);
  router.get('/applications/:id/attachments/:fileId', requireLogin, applications.download);
  router.post('/applications/:id/reviewers', staff, reviews.assign);
  router.post('/applications/:id/reviews/:reviewId/clear-conflict', staff, reviews.clearConflict);
  router.post('/applications/:id/award', staff, awards.award);
  router.post('/applications/:id/decide', staff, awards.decide);

  router.post('/awards/:awardId/tranches/:number/pay', staff, awards.pay);
  // A refused photo or field puts the report form back on the application page, text kept.
  router.post(reportUpload.path, requireLogin, withUploads({ ...reportUpload, form: reportFormAgain }, awards.report));
  router.post('/awards/:awardId/reports/:reportId/review', staff, awards.reviewReport);
  router.get('/awards/:awardId/photos/:photoId', requireLogin, awards.photo);

  router.get('/reviews', requireRole('reviewer'), reviews.myReviews);
  router.get('/reviews/:applicationId', requireRole('reviewer'), reviews.review);
  router.post('/reviews/:applicationId/conflict', requireRole('reviewer'), reviews.declare);
  router.post('/reviews/:applicationId', requireRole('reviewer'), reviews.score);

  router.get('/admin/calls', staff, calls.adminCalls);
  router.get('/admin/calls/new', staff, calls.newCallForm);
  router.post('/admin/calls', staff, calls.createCall);
  router.get('/admin/calls/:id', staff, calls.adminCall);
  router.get('/admin/calls/:id/edit', staff, calls.editCallForm);
  router.post('/admin/calls/:id', staff, calls.updateCall);
  router.post('/admin/calls/:id/publish', staff, calls.publish);
  router.post('/admin/calls/:id/assign', staff, reviews.autoAssign);
  router.get('/admin/calls/:id/decisions', staff, awards.decisions);
  router.get('/admin/calls/:id/decisions.csv', staff, awards.decisionsCsv);
  return router;
}
