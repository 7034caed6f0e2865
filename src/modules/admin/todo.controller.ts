/**
 * Staff's to-do: /admin counts what waits (pledges, applications to screen, overdue reviews,
 * tranches to pay, reports to review), each linking to the list that holds it; the lists the
 * other pages lack live at /admin/todo/:list. Counts come from the funds and grants services.
 */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { NotFoundError } from '../../shared/errors.js';
import { pledgesWaiting } from '../funds/index.js';
import { grantsTodo, listOverdueReviews, listReportsToReview, listTranchesDue } from '../grants/index.js';
import { isTodoList, pageQuerySchema } from './admin.schemas.js';

const DAY_MS = 86_400_000;

export const todoController = {
  dashboard: async (req: Request, res: Response) => {
    const now = new Date();
    const [pledges, grants] = await Promise.all([pledgesWaiting(req.user), grantsTodo(req.user, now)]);
    const waiting =
      pledges.count + grants.toScreen.count + grants.reviewsOverdue + grants.tranchesDue + grants.reportsToReview;
    res.render('admin/index', {
      todo: {
        pledges: {
          ...pledges,
          oldestDays: pledges.oldestAt ? Math.floor((now.getTime() - pledges.oldestAt.getTime()) / DAY_MS) : null,
        },
        ...grants,
      },
      nothingWaits: waiting === 0,
    });
  },

  list: async (req: Request, res: Response) => {
    const list = String(req.params.list);
    if (!isTodoList(list)) throw new NotFoundError();
    const { page } = parseInput(pageQuerySchema, req.query);
    const items =
      list === 'reviews'
        ? await listOverdueReviews(req.user, page)
        : list === 'tranches'
          ? await listTranchesDue(req.user, page)
          : await listReportsToReview(req.user, page);
    res.render('admin/todo-list', { list, page: items, pageBase: `/admin/todo/${list}?` });
  },
};
