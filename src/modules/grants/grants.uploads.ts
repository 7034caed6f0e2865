/**
 * The grant routes that take files, and who may send them: asked before a byte of the files is
 * read (shared/http/upload.ts), so a stranger's upload is refused without being received.
 */
import type { UploadRoute } from '../../shared/http/upload.js';
import { MAX_ATTACHMENTS, assertMayAttach } from './application-attachment.service.js';
import { assertMayReport } from './grant-report.service.js';

/** Application attachments: the applying organisation's applicants, while the application is editable. */
export const attachmentUpload: UploadRoute = {
  field: 'attachments',
  maxFiles: MAX_ATTACHMENTS,
  authorise: async (req) => {
    await assertMayAttach(req.user, String(req.params.id));
    return { applicationId: String(req.params.id) };
  },
};

/** Report photos: members of the funded organisation, while the report is not yet in. */
export const reportUpload: UploadRoute = {
  field: 'photos',
  maxFiles: 10,
  authorise: async (req) => {
    await assertMayReport(req.user, String(req.params.awardId), String(req.params.reportId));
    return { awardId: String(req.params.awardId), reportId: String(req.params.reportId) };
  },
};
