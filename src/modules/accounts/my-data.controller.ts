/** The person's own data (download, deletion request) and the staff list of deletion requests: thin handlers. */
import type { NextFunction, Request, Response } from 'express';
import { form } from '../../shared/http/forms.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { deletionListQuery, deletionRequestSchema, resolveDeletionSchema } from './my-data.schemas.js';
import {
  exportMyData,
  listDeletionRequests,
  myLatestDeletionRequest,
  requestDeletion,
  resolveDeletionRequest,
  type MyDataSources,
} from './my-data.service.js';
import { DELETION_STATUSES } from './deletion-request.model.js';
import { bangkokDay } from '../../shared/dates.js';

export function myDataController(sources: MyDataSources) {
  return {
    /** Before the account page: its "your data" section shows the latest deletion request. */
    accountExtras: async (req: Request, res: Response, next: NextFunction) => {
      res.locals.deletionRequest = await myLatestDeletionRequest(req.user);
      next();
    },

    download: async (req: Request, res: Response) => {
      const data = await exportMyData(req.user, sources);
      res.set('Cache-Control', 'no-store');
      res.attachment(`my-data-${bangkokDay(new Date())}.json`);
      res.type('application/json').send(JSON.stringify(data, null, 2));
    },

    showDeletion: async (req: Request, res: Response) => {
      res.render('accounts/deletion-request', { deletionRequest: await myLatestDeletionRequest(req.user), values: {} });
    },

    requestDeletion: form('accounts/deletion-request', async (req, res) => {
      res.locals.deletionRequest = await myLatestDeletionRequest(req.user);
      const input = parseInput(deletionRequestSchema, req.body);
      const outcome = await requestDeletion(req.user, input);
      flash(req, {
        type: outcome === 'created' ? 'success' : 'info',
        key: outcome === 'created' ? 'myData.requested' : 'myData.alreadyRequested',
      });
      res.redirect(303, '/account/deletion-request');
    }),

    adminList: async (req: Request, res: Response) => {
      const query = parseInput(deletionListQuery, req.query);
      const page = await listDeletionRequests(req.user, query);
      res.render('accounts/deletion-requests', {
        page,
        query,
        statuses: [...DELETION_STATUSES, 'all'],
        pageBase: `/admin/deletion-requests?status=${query.status}&`,
      });
    },

    adminResolve: form('accounts/deletion-requests', async (req, res) => {
      // A refused resolution shows the open list again, the message beside that request's note.
      const query = parseInput(deletionListQuery, {});
      Object.assign(res.locals, {
        page: await listDeletionRequests(req.user, query),
        query,
        statuses: [...DELETION_STATUSES, 'all'],
        pageBase: '/admin/deletion-requests?status=open&',
        resolvingId: String(req.params.id),
      });
      const input = parseInput(resolveDeletionSchema, req.body);
      const resolved = await resolveDeletionRequest(req.user, String(req.params.id), input);
      flash(req, { type: 'success', key: 'myData.resolved', params: { name: resolved.name } });
      res.redirect(303, '/admin/deletion-requests');
    }),
  };
}
