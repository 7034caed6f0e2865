/** Account pages: thin handlers that parse input, call one service, and render or redirect. */
import type { Request, Response } from 'express';
import { form } from '../../shared/http/forms.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { chosenLocale } from '../../shared/http/locale.js';
import { ValidationError } from '../../shared/errors.js';
import {
  changePasswordSchema,
  forgotPasswordSchema,
  loginSchema,
  profileSchema,
  registerSchema,
  resetPasswordSchema,
  safeNextPath,
} from './accounts.schemas.js';
import { changePassword, getUser, setPreferredLanguage, updateProfile } from './user.service.js';
import { signUp } from './registration.service.js';
import { requestVerificationEmail, verifyEmail } from './email-verification.service.js';
import { isResetTokenUsable, requestPasswordReset, resetPassword } from './password-reset.service.js';
import type { SessionUser } from '../../shared/actor.js';
import { authenticateLocal, logIn, logOut, rememberLanguage } from './accounts.http.js';

/** Where a person's work is, after login when no page asked for it (wired in routes.ts: it reads higher modules). */
export type LandingFor = (user: SessionUser) => Promise<string>;

export interface AccountsOptions {
  baseUrl: () => string;
  secureCookies: boolean;
  landingFor?: LandingFor;
}

export function accountsController(options: AccountsOptions) {
  const landing = async (user: SessionUser, next: unknown) =>
    safeNextPath(typeof next === 'string' ? next : undefined) ??
    (options.landingFor ? await options.landingFor(user) : '/account');

  return {
    showLogin: async (req: Request, res: Response) => {
      if (req.user) return res.redirect(await landing(req.user, req.query.next));
      res.render('accounts/login', { values: { next: typeof req.query.next === 'string' ? req.query.next : '' } });
    },

    login: form('accounts/login', async (req, res) => {
      const input = parseInput(loginSchema, req.body);
      const user = await authenticateLocal(req, res);
      if (!user) throw new ValidationError({ _form: { key: 'accounts.badCredentials' } }, 'accounts.badCredentials');
      await logIn(req, user);
      // The language the person is reading now wins over the one stored in their profile, which follows it.
      const chosen = chosenLocale(req);
      if (chosen && chosen !== user.preferredLanguage) {
        await setPreferredLanguage(user, chosen);
        user.preferredLanguage = chosen;
      }
      rememberLanguage(res, user, options.secureCookies);
      flash(req, { type: 'success', key: 'accounts.loggedIn', params: { name: user.name } });
      res.redirect(await landing(user, input.next));
    }),

    logout: async (req: Request, res: Response) => {
      await logOut(req);
      res.clearCookie('cf.sid');
      res.redirect('/');
    },

    showRegister: async (req: Request, res: Response) => {
      if (req.user) return res.redirect(await landing(req.user, undefined));
      res.render('accounts/register', { values: { preferredLanguage: req.locale } });
    },

    // The same page whether the address was new or already had an account (see registration.service.ts):
    // nobody is logged in here, they follow the emailed link and log in.
    register: form('accounts/register', async (req, res) => {
      const input = parseInput(registerSchema, req.body);
      await signUp(input, options.baseUrl());
      res.render('accounts/register-sent', { email: input.email.trim().toLowerCase() });
    }),

    verifyEmail: async (req: Request, res: Response) => {
      const verified = await verifyEmail(String(req.params.token));
      res.status(verified ? 200 : 410).render('accounts/verify-email', { verified });
    },

    resendVerification: async (req: Request, res: Response) => {
      const outcome = await requestVerificationEmail(req.user, options.baseUrl());
      flash(
        req,
        outcome === 'sent'
          ? { type: 'success', key: 'accounts.verify.resent', params: { email: req.user?.email } }
          : { type: 'info', key: 'accounts.verify.already' },
      );
      res.redirect(303, '/account');
    },

    showForgot: (_req: Request, res: Response) => res.render('accounts/forgot-password', { values: {} }),

    forgot: form('accounts/forgot-password', async (req, res) => {
      const input = parseInput(forgotPasswordSchema, req.body);
      await requestPasswordReset(input.email, options.baseUrl());
      res.render('accounts/forgot-password', { sent: true, values: { email: input.email } });
    }),

    showReset: async (req: Request, res: Response) => {
      const token = String(req.params.token);
      const usable = await isResetTokenUsable(token);
      res.status(usable ? 200 : 410).render('accounts/reset-password', { token, invalid: !usable, values: {} });
    },

    reset: form('accounts/reset-password', async (req, res) => {
      const token = String(req.params.token);
      res.locals.token = token;
      const input = parseInput(resetPasswordSchema, req.body);
      await resetPassword(token, input.password);
      flash(req, { type: 'success', key: 'accounts.reset.done' });
      res.redirect('/login');
    }),

    showAccount: async (req: Request, res: Response) => {
      const user = await getUser(req.user, req.user?.id ?? '');
      res.render('accounts/account', {
        profile: user,
        values: { name: user.name, preferredLanguage: user.preferredLanguage },
      });
    },

    updateAccount: form('accounts/account', async (req, res) => {
      res.locals.profile = req.user;
      const input = parseInput(profileSchema, req.body);
      const user = await updateProfile(req.user, req.user?.id ?? '', input);
      rememberLanguage(res, user, options.secureCookies);
      flash(req, { type: 'success', key: 'accounts.profileSaved' });
      res.redirect(`/account?lang=${user.preferredLanguage}`);
    }),

    changePassword: form('accounts/account', async (req, res) => {
      res.locals.profile = req.user;
      res.locals.values = { name: req.user?.name, preferredLanguage: req.user?.preferredLanguage };
      res.locals.passwordForm = true;
      const input = parseInput(changePasswordSchema, req.body);
      await changePassword(req.user, input);
      // The password version in the session changed: log in again on this device only.
      await logIn(req, req.user as SessionUser);
      flash(req, { type: 'success', key: 'accounts.passwordChanged' });
      res.redirect('/account');
    }),
  };
}
