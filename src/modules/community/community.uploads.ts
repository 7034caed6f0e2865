/** The community routes that take files: a news item's photo, staff only (asked before a byte is read). */
import type { UploadRoute } from '../../shared/http/upload.js';
import { assertRole } from '../../shared/actor.js';

const staffOnly = async (req: Parameters<UploadRoute['authorise']>[0]) => {
  assertRole(req.user, 'staff', 'admin');
  return {};
};

export const newNewsUpload: UploadRoute = { path: '/admin/news', field: 'photo', maxFiles: 1, authorise: staffOnly };
export const editNewsUpload: UploadRoute = {
  path: '/admin/news/:id',
  field: 'photo',
  maxFiles: 1,
  authorise: staffOnly,
};
