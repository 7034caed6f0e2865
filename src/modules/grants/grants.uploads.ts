/**
 * The grant routes that take files, and who may send them: asked before a byte of the files is
 * read (shared/http/upload.ts), so a stranger's upload is refused without being received.
 */
import type { UploadRoute } from '../../shared/http/upload.js';
import { MAX_ATTACHMENTS, assertMayAttach, assertMayWrite } from './application-attachment.service.js';
import { assertMayReport } from './grant-report.service.js';

/**
 * The application form itself (text and attachments in one form, so attaching never loses what
 * was typed): the applying organisation's applicants, while the application is editable. How
 * many files still fit is checked when they are attached.
 */
export const applicationFormUpload: UploadRoute = {
  path: '/applications/:id',
  field: 'attachments',
  maxFiles: MAX_ATTACHMENTS,
  authorise: async (req) => {
    await assertMayWrite(req.user, String(req.params.id));
    return { applicationId: String(req.params.id) };
  },
};

/** Attachments alone (the older address): the same people, and only while a file still fits. */
export const attachmentUpload: UploadRoute = {
  path: '/applications/:id/attachments',
  field: 'attachments',
  maxFiles: MAX_ATTACHMENTS,
  authorise: async (req) => {
    await assertMayAttach(req.user, String(req.params.id));
    return { applicationId: String(req.params.id) };
  },
};

/**
 * Report photos: members of the funded organisation, while the report is not yet in.
 */
export const reportUpload: UploadRoute = {
  path: '/awards/:awardId/reports/:reportId',
  field: 'photos',
  maxFiles: 10,
  authorise: async (req) => {
    await assertMayReport(req.user, String(req.params.awardId), String(req.params.reportId));
    return { awardId: String(req.params.awardId), reportId: String(req.params.reportId) };
  },
  // form: the report form again (award.controller.ts reportFormAgain), set where the route is declared.
};
