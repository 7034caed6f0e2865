/**
 * The funds module: the giving menu, donations (online and offline), monthly gifts, receipts,
 * and the public transparency pages (their money is the accounting module's journal).
 * Other modules, the app and jobs import only this file (eslint enforces it).
 */
export { recentPublicGifts } from './donation-query.service.js';
export { subscribeDonationNotifications } from './donations.notifications.js';
export { configureFoundation, foundationInfo } from './foundation-info.js';
export { type FundName, activeFundIdBySlug, fundKind, fundNamesById } from './fund-lookup.service.js';
export { type Bilingual, listFunds } from './fund.service.js';
export { GENERAL_FUND_SLUG } from './funds.controller.js';
export { fundsRouter } from './funds.routes.js';
export type { GrantLists, ListedGrant } from './grant-lists.js';
export { principalSatang, spendableSatang } from './ledger.rules.js';
export { listMyGifts, subscribeGiftLinking } from './my-gifts.service.js';
export { backfillDonationKeys } from './donation-keys.backfill.js';
export { migrateLedgerToJournal } from './journal-migration.js';
export { followUpPledges } from './pledge-followup.service.js';
export { BOOK_PAYMENT_FEE_JOB, FeeNotReadyError, bookPaymentFee, subscribePaymentFees } from './payment-fee.service.js';
export { stripeWebhookRouter } from './payments/stripe-webhook.controller.js';
export { reconcilePendingCheckouts } from './reconcile.service.js';
export { hasOwnGifts, pledgesWaiting } from './todo.service.js';
export { configurePayments } from './payments/index.js';
