/** Input shapes of the account forms; messages are i18n keys shown beside the fields. */
import { z } from 'zod';
import { LOCALES } from '../../shared/i18n/index.js';
import { ROLES } from '../../shared/actor.js';
import { email } from '../../shared/http/form-fields.js';

const newPassword = z.string().min(8, 'validation.passwordTooShort').max(200, 'validation.tooLong');
const name = z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong');
const language = z.enum(LOCALES, 'validation.choice');

export const registerSchema = z
  .object({
    name,
    email,
    password: newPassword,
    passwordConfirm: z.string().max(200),
    preferredLanguage: language,
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'validation.passwordMismatch',
  });

export const loginSchema = z.object({
  email,
  password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
  next: z.string().max(500).optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password: newPassword, passwordConfirm: z.string().max(200) })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'validation.passwordMismatch',
  });

export const profileSchema = z.object({ name, preferredLanguage: language });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(200),
    newPassword,
    newPasswordConfirm: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    path: ['newPasswordConfirm'],
    message: 'validation.passwordMismatch',
  });

export const userListQuerySchema = z.object({
  q: z.string().trim().max(100, 'validation.tooLong').optional().default(''),
  role: z
    .enum(ROLES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Checkboxes send nothing, one string or several: accept all three. */
export const rolesFormSchema = z.object({
  roles: z
    .union([z.enum(ROLES, 'validation.choice'), z.array(z.enum(ROLES, 'validation.choice')).max(ROLES.length)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

/** Only same-site paths are followed after login (no open redirects); anything else is dropped. */
export function safeNextPath(next: string | undefined): string | undefined {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : undefined;
}
