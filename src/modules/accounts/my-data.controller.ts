/** The person's own data (download, deletion request) and the staff list of deletion requests: thin handlers. */
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { form } from '../../shared/http/forms.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import {
  DELETION_LIST_STATUSES,
  deletionListQuery,
  deletionRequestSchema,
  resolveDeletionSchema,
} from './my-data.schemas.js';
import {
  exportMyData,
  listDeletionRequests,
  myLatestDeletionRequest,
  requestDeletion,
  resolveDeletionRequest,
  type MyDataSources,
} from './my-data.service.js';
import { bangkokDay } from '../../shared/dates.js';

/** The staff list of deletion requests: one page of those with the chosen status. */
async function deletionListLocals(actor: Request['user'], query: z.infer<typeof deletionListQuery>) {
  return {
    page: await listDeletionRequests(actor, query),
    query,
    statuses: DELETION_LIST_STATUSES,
    pageBase: `/admin/deletion-requests?status=${query.status}&`,
  };
}

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
      res.render('accounts/deletion-requests', await deletionListLocals(req.user, query));
    },

    adminResolve: form('accounts/deletion-requests', async (req, res) => {
      // A refused resolution shows the open list again, the message beside that request's note.
      const locals = await deletionListLocals(req.user, parseInput(deletionListQuery, {}));
      Object.assign(res.locals, { ...locals, resolvingId: String(req.params.id) });
      const input = parseInput(resolveDeletionSchema, req.body);
      const resolved = await resolveDeletionRequest(req.user, String(req.params.id), input);
      flash(req, { type: 'success', key: 'myData.resolved', params: { name: resolved.name } });
      res.redirect(303, '/admin/deletion-requests');
    }),
  };
}
