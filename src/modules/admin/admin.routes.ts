/** /admin: staff and admins; managing people is for admins only. */
import { Router } from 'express';
import { requireRole } from '../../shared/http/guards.js';
import { adminController as c } from './admin.controller.js';
import { todoController as todo } from './todo.controller.js';

export function adminRouter(): Router {
  const router = Router();
  // The dashboard is staff's to-do page: what waits, with links to each list.
  router.get('/admin', requireRole('staff', 'admin'), todo.dashboard);
  router.get('/admin/todo/:list', requireRole('staff', 'admin'), todo.list);
  router.get('/admin/users', requireRole('admin'), c.users);
  router.get('/admin/users/:id', requireRole('admin'), c.user);
  router.post('/admin/users/:id/roles', requireRole('admin'), c.setRoles);
  router.get('/admin/outbox', requireRole('staff', 'admin'), c.outbox);
  router.get('/admin/outbox/:id', requireRole('staff', 'admin'), c.outboxMessage);
  return router;
}
