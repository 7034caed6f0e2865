/** Grant call pages: the public list, one call and its open-data API, and staff's call forms and overview. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { form } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { callApplicationsQuery, callSchema } from './grants.schemas.js';
import {
  createCall,
  getCall,
  listAllCalls,
  listClosedCalls,
  listOpenCalls,
  publishCall,
  updateCall,
} from './call.service.js';
import { eligibilityFor, inviteesFor } from './call-eligibility.service.js';
import { listCallApplications } from './application-list.service.js';
import { committeeOf } from './review-list.service.js';
import { APPLICATION_STATES } from './application.workflow.js';
import { callApiRow, callFormLocals, callFormValues, callPageLocals } from './call.views.js';

export function callController() {
  return {
    // ---- Public ------------------------------------------------------------------------------
    calls: async (_req: Request, res: Response) => {
      const [open, closed] = await Promise.all([listOpenCalls(), listClosedCalls(10)]);
      res.render('grants/calls', { open, closed });
    },

    call: async (req: Request, res: Response) => {
      const call = await getCall(req.user, String(req.params.id));
      res.render('grants/call', await callPageLocals(call, await eligibilityFor(req.user, call.id)));
    },

    apiCalls: async (_req: Request, res: Response) => {
      res.json({ data: (await listOpenCalls()).map(callApiRow) });
    },

    // ---- Staff -------------------------------------------------------------------------------
    adminCalls: async (req: Request, res: Response) => {
      res.render('grants/admin-calls', { calls: await listAllCalls(req.user) });
    },

    newCallForm: async (_req: Request, res: Response) => {
      res.locals.values = {
        stages: '1',
        scaleMin: '1',
        scaleMax: '5',
        reviewsPerApplication: '3',
        tranches: '60, 40',
        roles: ['recipient'],
      };
      Object.assign(res.locals, await callFormLocals(res.locals.values));
      res.render('grants/call-form', { isNew: true });
    },

    createCall: form('grants/call-form', async (req: Request, res: Response) => {
      res.locals.values = req.body;
      res.locals.isNew = true;
      Object.assign(res.locals, await callFormLocals(res.locals.values));
      const id = await createCall(req.user, parseInput(callSchema, req.body));
      flash(req, { type: 'success', key: 'grants.callCreated' });
      res.redirect(303, `/admin/calls/${id}`);
    }),

    editCallForm: async (req: Request, res: Response) => {
      const call = await getCall(req.user, String(req.params.id));
      const committee = await committeeOf(call);
      res.locals.values = callFormValues(
        call,
        committee.map((m) => m.email),
      );
      Object.assign(res.locals, await callFormLocals(res.locals.values));
      res.render('grants/call-form', { call });
    },

    updateCall: form('grants/call-form', async (req: Request, res: Response) => {
      const id = String(req.params.id);
      res.locals.values = req.body;
      res.locals.call = await getCall(req.user, id);
      Object.assign(res.locals, await callFormLocals(res.locals.values));
      await updateCall(req.user, id, parseInput(callSchema, req.body));
      flash(req, { type: 'success', key: 'grants.callSaved' });
      res.redirect(303, `/admin/calls/${id}`);
    }),

    publish: async (req: Request, res: Response) => {
      await publishCall(req.user, String(req.params.id));
      flash(req, { type: 'success', key: 'grants.callPublished' });
      res.redirect(303, `/admin/calls/${String(req.params.id)}`);
    },

    adminCall: async (req: Request, res: Response) => {
      const call = await getCall(req.user, String(req.params.id));
      const query = parseInput(callApplicationsQuery, req.query);
      const page = await listCallApplications(req.user, call.id, {
        status: query.status,
        page: query.page,
        perPage: 25,
      });
      res.render('grants/admin-call', {
        call,
        page,
        committee: await committeeOf(call),
        invitees: call.phase === 'closed' ? [] : await inviteesFor(req.user, call.id),
        states: APPLICATION_STATES,
        status: query.status ?? '',
        pageBase: `/admin/calls/${call.id}?${query.status ? `status=${query.status}&` : ''}`,
      });
    },
  };
}
