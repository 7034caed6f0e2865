/**
 * The grants module: grant calls, applications, committee reviews, decisions, awards, tranches
 * and grant reports.
 * Other modules, the app and jobs import only this file (eslint enforces it).
 */
export { getApplication } from './application.service.js';
export { listMyApplications } from './application-list.service.js';
export { syncCallStatuses } from './call.service.js';
export { decisionView } from './decision-view.service.js';
export { remindReports } from './grant-report.service.js';
export { subscribeGrantNotifications } from './grants.notifications.js';
export { grantsRouter } from './grants.routes.js';
export { grantsOfFund, recentGrants } from './public-grants.service.js';
export {
  type RankedApplication,
  type Rubric,
  type SubmittedReview,
  checkScores,
  rankApplications,
  weightedScore,
} from './review.scoring.js';
export { getMyReview } from './review.service.js';
export { listMyReviews, remindReviewers } from './review-list.service.js';
export {
  grantsTodo,
  hasOwnApplications,
  listOverdueReviews,
  listReportsToReview,
  listTranchesDue,
} from './todo.service.js';
