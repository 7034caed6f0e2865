/**
 * The funds routes that take files, and who may send them: asked before a byte is read
 * (shared/http/upload.ts), so a slip sent without the pledge's link is refused unread.
 */
import type { UploadRoute } from '../../shared/http/upload.js';
import { assertMaySendSlip } from './pledge-slip.service.js';
import { MAX_STATEMENT_BYTES } from './bank-statements.service.js';
import { assertRole } from '../../shared/actor.js';

/** A transfer slip for a waiting pledge: its signed link (the thank-you page) or the donor's own account. */
export const slipUpload: UploadRoute = {
  path: '/donate/thanks/:id/slip',
  field: 'slip',
  maxFiles: 1,
  authorise: async (req) => {
    await assertMaySendSlip(req.user, String(req.params.id), req.query.token);
    return { donationId: String(req.params.id) };
  },
  // Visitors send slips too: their uploads count per pledge, not all together.
  slotKey: (req) => (req.user ? String(req.user.id) : `pledge:${String(req.params.id)}`),
};

/** A bank statement's CSV: read as text, never kept (the lines it holds are). Staff only. */
export const statementUpload: UploadRoute = {
  path: '/admin/books/statements',
  field: 'statement',
  maxFiles: 1,
  authorise: async (req) => {
    assertRole(req.user, 'staff', 'admin');
    return {};
  },
  text: { maxBytes: MAX_STATEMENT_BYTES },
};

/** A campaign's cover picture, with its story: staff only. */
export const campaignCoverUpload: UploadRoute = {
  path: '/admin/campaigns/:slug/story',
  field: 'cover',
  maxFiles: 1,
  authorise: async (req) => {
    assertRole(req.user, 'staff', 'admin');
    return { campaign: String(req.params.slug) };
  },
};
