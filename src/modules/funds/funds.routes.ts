/** Routes of the funds module: giving, receipts, transparency, the donor's gifts, staff money pages, /api/v1/funds. */
import { Router } from 'express';
import { fundsController } from './funds.controller.js';
import { giftsController as gifts } from './gifts.controller.js';
import { donationsAdminController as staff } from './donations-admin.controller.js';
import { booksController as books } from './books.controller.js';
import { slipController as slips } from './slip.controller.js';
import { campaignCoverUpload, slipUpload, statementUpload } from './funds.uploads.js';
import { campaignStoryController } from './campaign-story.controller.js';
import { statementsController as statements } from './statements.controller.js';
import { eDonationController as eDonation } from './e-donation.controller.js';
import { withUploads } from '../../shared/http/upload.js';
import { requireLogin, requireRole } from '../../shared/http/guards.js';
import { showMissingSettings } from './foundation-info.js';
import { rateLimits } from '../../shared/http/rate-limit.js';
import type { GrantLists, LatestNews, NewsOfFund } from './grant-lists.js';

/** `grantLists` come from grants and the news from community (above funds: passed in from routes.ts, not imported). */
export function fundsRouter(options: {
  baseUrl: () => string;
  grantLists: GrantLists;
  latestNews?: LatestNews;
  newsOfFund?: NewsOfFund;
}): Router {
  const c = fundsController(options);
  const stories = campaignStoryController(options);
  const router = Router();
  router.get('/', c.home);
  router.get('/funds/:slug', c.show);
  router.get('/funds/:slug/donate', c.donateForm);
  router.get('/campaigns/:slug', c.campaign);
  router.get('/campaigns/:slug/cover', stories.cover);
  router.get('/campaigns/:slug/stop-updates', stories.stopForm);
  router.post('/campaigns/:slug/stop-updates', stories.stop);
  router.get('/donate', c.donateForm);
  // Each gift started may open a Stripe Checkout session: limited per address.
  router.post('/donate', rateLimits.checkout, rateLimits.checkoutEmail, c.donate);
  router.get('/donate/thanks/:id', c.thanks);
  router.get('/donate/cancelled/:id', c.cancelled);
  router.post('/donate/thanks/:id/slip', withUploads({ ...slipUpload, form: slips.formAgain }, slips.send));
  router.get('/receipts/:id', c.receipt);
  router.get('/transparency', c.transparency);
  router.get('/transparency/funds.:format', (req, res, next) =>
    ['csv', 'json'].includes(String(req.params.format)) ? c.openDataFunds(req, res) : next(),
  );
  router.get('/transparency/gifts-by-month.csv', c.openDataMonthly);
  router.get('/api/v1/funds', c.apiList);
  router.get('/api/v1/funds/:slug', c.apiShow);

  router.get('/account/gifts', requireLogin, gifts.list);
  router.get('/account/gifts/summary/:year', requireLogin, gifts.yearSummary);
  router.post('/account/gifts/claim', requireLogin, gifts.claim);
  router.post('/account/gifts/monthly/:id/cancel', requireLogin, gifts.cancelMonthly);

  const staffOnly = requireRole('staff', 'admin');
  // Outside production, staff pages say which foundation settings are still missing (receipts, transfers).
  router.use('/admin', showMissingSettings);
  router.get('/admin/donations', staffOnly, staff.list);
  router.get('/admin/donations.csv', staffOnly, staff.exportCsv);
  router.get('/admin/donations/new', staffOnly, staff.newOffline);
  router.post('/admin/donations', staffOnly, staff.createOffline);
  router.get('/admin/donations/:id', staffOnly, staff.show);
  router.post('/admin/donations/:id/refund', staffOnly, staff.refund);
  router.get('/admin/donations/:id/slips/:fileId', staffOnly, slips.staffView);
  router.post('/admin/donations/:id/confirm-pledge', staffOnly, staff.confirmPledge);
  router.get('/admin/ledger/adjust', staffOnly, staff.newAdjustment);
  router.post('/admin/ledger/adjust', staffOnly, staff.createAdjustment);
  router.get('/admin/books', staffOnly, books.show);
  router.get('/admin/books/general-ledger.csv', staffOnly, books.exportLedger);
  router.post('/admin/books/close', staffOnly, books.close);
  router.get('/admin/books/payouts', staffOnly, books.payouts);
  router.get('/admin/books/payouts/:id', staffOnly, books.payout);
  router.get('/admin/books/statements', staffOnly, statements.list);
  router.post(
    '/admin/books/statements',
    staffOnly,
    withUploads({ ...statementUpload, form: statements.formAgain }, statements.import),
  );
  router.get('/admin/books/statements/:id', staffOnly, statements.show);
  const line = '/admin/books/statements/:id/lines/:lineId';
  router.post(`${line}/confirm`, staffOnly, statements.confirm);
  router.post(`${line}/record-gift`, staffOnly, statements.recordGift);
  router.post(`${line}/not-a-gift`, staffOnly, statements.notAGift);
  router.post(`${line}/reopen`, staffOnly, statements.reopen);
  router.get('/admin/e-donation', staffOnly, eDonation.overview);
  router.post('/admin/e-donation/batches', staffOnly, eDonation.prepare);
  router.get('/admin/e-donation/batches/:id', staffOnly, eDonation.batch);
  router.get('/admin/e-donation/batches/:id/export.csv', staffOnly, eDonation.exportBatch);
  router.post('/admin/e-donation/batches/:id/reported', staffOnly, eDonation.reported);
  router.post('/admin/e-donation/batches/:id/confirmed', staffOnly, eDonation.confirmed);
  router.post('/admin/e-donation/batches/:id/cancel', staffOnly, eDonation.cancel);
  router.post('/admin/e-donation/gifts/:id/reported-by-bank', staffOnly, eDonation.reportedByBank);
  router.post('/admin/e-donation/gifts/:id/correct', staffOnly, eDonation.correct);
  router.get('/admin/e-donation/deductions', staffOnly, eDonation.deductions);
  router.post('/admin/e-donation/deductions/funds/:id', staffOnly, eDonation.setDeduction('fund'));
  router.post('/admin/e-donation/deductions/campaigns/:id', staffOnly, eDonation.setDeduction('campaign'));
  router.get('/admin/campaigns', staffOnly, staff.campaigns);
  router.get('/admin/campaigns/new', staffOnly, staff.newCampaign);
  router.post('/admin/campaigns', staffOnly, staff.createCampaign);
  router.get('/admin/campaigns/:slug', staffOnly, stories.staffPage);
  router.post(
    '/admin/campaigns/:slug/story',
    staffOnly,
    withUploads({ ...campaignCoverUpload, form: stories.formAgain }, stories.saveStory),
  );
  router.post('/admin/campaigns/:slug/updates', staffOnly, stories.postUpdate);
  return router;
}
