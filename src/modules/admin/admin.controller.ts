/**
 * Admin pages: people and their roles (admins), and the email outbox (staff and admins); the dashboard is in
 * todo.controller.ts.
 */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { getMail, listMail } from '../../shared/mail/mailer.js';
import { getUser, listUsers, rolesFormSchema, setRoles, userListQuerySchema } from '../accounts/index.js';
import { ROLES } from '../../shared/actor.js';
import { pageQuerySchema } from './admin.schemas.js';

export const adminController = {
  users: async (req: Request, res: Response) => {
    const query = parseInput(userListQuerySchema, req.query);
    const page = await listUsers(req.user, query);
    const pageBase = `/admin/users?${new URLSearchParams({ q: query.q, role: query.role ?? '' }).toString()}&`;
    res.render('admin/users', { page, query, roles: ROLES, pageBase });
  },

  user: async (req: Request, res: Response) => {
    const user = await getUser(req.user, String(req.params.id));
    res.render('admin/user', { profile: user, roles: ROLES });
  },

  setRoles: async (req: Request, res: Response) => {
    const input = parseInput(rolesFormSchema, req.body);
    const user = await setRoles(req.user, String(req.params.id), input.roles);
    flash(req, { type: 'success', key: 'admin.rolesSaved', params: { name: user.name } });
    res.redirect(`/admin/users/${user.id}`);
  },

  outbox: async (req: Request, res: Response) => {
    const { page } = parseInput(pageQuerySchema, req.query);
    res.render('admin/outbox', { page: await listMail(req.user, { page }) });
  },

  outboxMessage: async (req: Request, res: Response) => {
    res.render('admin/outbox-message', { message: await getMail(req.user, String(req.params.id)) });
  },
};
