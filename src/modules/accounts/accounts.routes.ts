/** Routes of the accounts module: login, registration, password reset, the person's own account. */
import { Router } from 'express';
import { requireLogin, requireRole } from '../../shared/http/guards.js';
import { rateLimits } from '../../shared/http/rate-limit.js';
import { accountsController, type AccountsOptions } from './accounts.controller.js';
import { myDataController } from './my-data.controller.js';
import type { MyDataSources } from './my-data.service.js';

export function accountsRouter(options: AccountsOptions & { myData: MyDataSources }): Router {
  const c = accountsController(options);
  const d = myDataController(options.myData);
  const router = Router();
  router.get('/login', c.showLogin);
  // Only failed logins count: ten good logins on a shared office computer lock nothing.
  router.post('/login', rateLimits.login, c.login);
  router.post('/logout', c.logout);
  router.get('/register', c.showRegister);
  router.post('/register', rateLimits.registration, c.register);
  router.get('/forgot-password', c.showForgot);
  router.post('/forgot-password', rateLimits.passwordReset, rateLimits.passwordResetEmail, c.forgot);
  router.get('/verify-email/:token', c.verifyEmail);
  router.post('/account/verification', requireLogin, rateLimits.verificationEmail, c.resendVerification);
  router.get('/reset-password/:token', c.showReset);
  router.post('/reset-password/:token', c.reset);
  router.get('/account', requireLogin, d.accountExtras, c.showAccount);
  router.post('/account', requireLogin, c.updateAccount);
  router.post('/account/password', requireLogin, c.changePassword);
  // The person's own data under the PDPA (my-data.controller.ts), and the staff list of deletion requests.
  router.get('/account/data', requireLogin, d.download);
  router.get('/account/deletion-request', requireLogin, d.showDeletion);
  router.post('/account/deletion-request', requireLogin, d.requestDeletion);
  router.get('/admin/deletion-requests', requireRole('staff', 'admin'), d.adminList);
  router.post('/admin/deletion-requests/:id', requireRole('staff', 'admin'), d.adminResolve);
  return router;
}
