/** Grant call pages: the public list, one call and its open-data API, and staff's call forms and overview. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { form } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { toBangkokDateTimeInput } from '../../shared/dates.js';
import { callApplicationsQuery, callSchema } from './grants.schemas.js';
import {
  createCall,
  eligibilityFor,
  getCall,
  inviteesFor,
  listAllCalls,
  listClosedCalls,
  listOpenCalls,
  publishCall,
  updateCall,
  type CallView,
} from './call.service.js';
import { listCallApplications } from './application.service.js';
import { committeeOf } from './review.service.js';
import { APPLICATION_STATES } from './application.workflow.js';
import { listFunds } from '../funds/index.js';
import { geography } from '../directory/index.js';
import { ISSUES, ORG_ROLES, ORG_TYPES } from '../directory/index.js';
import { withSpareRows } from './grants.views.js';
import { satangToInput } from '../../shared/money.js';

const vocabulary = { roles: ORG_ROLES, types: ORG_TYPES, issues: ISSUES };

/** A call's form values, for editing (the same names the form posts). */
function callValues(call: CallView, committeeEmails: string[]): Record<string, unknown> {
  return {
    fundSlug: call.fund?.slug ?? '',
    titleTh: call.title.th,
    titleEn: call.title.en,
    descriptionTh: call.description.th,
    descriptionEn: call.description.en,
    orgTypes: call.eligibility.orgTypes,
    roles: call.eligibility.roles,
    provinces: call.eligibility.provinces,
    issues: call.eligibility.issues,
    budget: satangToInput(call.budgetSatang),
    maxPerGrant: satangToInput(call.maxPerGrantSatang),
    opensAt: toBangkokDateTimeInput(call.opensAt),
    closesAt: toBangkokDateTimeInput(call.closesAt),
    stages: String(call.stages),
    fullProposalClosesAt: call.fullProposalClosesAt ? toBangkokDateTimeInput(call.fullProposalClosesAt) : '',
    criteria: call.rubric.criteria.map((c) => ({
      nameTh: c.name.th,
      nameEn: c.name.en,
      descriptionTh: c.description.th,
      descriptionEn: c.description.en,
      weight: String(c.weight),
    })),
    scaleMin: String(call.rubric.scale.min),
    scaleMax: String(call.rubric.scale.max),
    descriptors: call.rubric.scale.descriptors.map((d) => ({
      score: String(d.score),
      labelTh: d.label.th,
      labelEn: d.label.en,
    })),
    committee: committeeEmails.join('\n'),
    reviewsPerApplication: String(call.reviewsPerApplication),
    reviewDueAt: call.reviewDueAt ? toBangkokDateTimeInput(call.reviewDueAt) : '',
    blindReview: call.blindReview ? 'on' : '',
    tranches: call.tranchePercents.join(', '),
  };
}

async function callFormLocals(res: Response): Promise<void> {
  const [funds, geo] = await Promise.all([listFunds(), geography()]);
  const values = (res.locals.values ?? {}) as Record<string, unknown>;
  res.locals.funds = funds;
  res.locals.vocabulary = vocabulary;
  res.locals.provinces = geo.provinces;
  res.locals.criteriaRows = withSpareRows(values.criteria as Record<string, string>[] | undefined, 2, {});
  res.locals.descriptorRows = withSpareRows(values.descriptors as Record<string, string>[] | undefined, 2, {});
}

export function callController() {
  return {
    // ---- Public ------------------------------------------------------------------------------
    calls: async (_req: Request, res: Response) => {
      const [open, closed] = await Promise.all([listOpenCalls(), listClosedCalls(10)]);
      res.render('grants/calls', { open, closed });
    },

    call: async (req: Request, res: Response) => {
      const call = await getCall(req.user, String(req.params.id));
      const geo = await geography();
      const eligibility = await eligibilityFor(req.user, call.id);
      res.render('grants/call', {
        call,
        provinceNames: call.eligibility.provinces.map((code) => geo.province(code)).filter(Boolean),
        eligibility,
        canApply: call.phase === 'open',
      });
    },

    apiCalls: async (_req: Request, res: Response) => {
      const calls = await listOpenCalls();
      res.json({
        data: calls.map((c) => ({
          id: c.id,
          fund: c.fund ? { slug: c.fund.slug, name: c.fund.name } : null,
          title: c.title,
          description: c.description,
          eligibility: c.eligibility,
          budgetSatang: c.budgetSatang,
          maxPerGrantSatang: c.maxPerGrantSatang,
          opensAt: c.opensAt,
          closesAt: c.closesAt,
          stages: c.stages,
          phase: c.phase,
          daysLeft: c.daysLeft,
          url: `/calls/${c.id}`,
        })),
      });
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
      await callFormLocals(res);
      res.render('grants/call-form', { isNew: true });
    },

    createCall: form('grants/call-form', async (req: Request, res: Response) => {
      res.locals.values = req.body;
      res.locals.isNew = true;
      await callFormLocals(res);
      const id = await createCall(req.user, parseInput(callSchema, req.body));
      flash(req, { type: 'success', key: 'grants.callCreated' });
      res.redirect(303, `/admin/calls/${id}`);
    }),

    editCallForm: async (req: Request, res: Response) => {
      const call = await getCall(req.user, String(req.params.id));
      const committee = await committeeOf(call);
      res.locals.values = callValues(
        call,
        committee.map((m) => m.email),
      );
      await callFormLocals(res);
      res.render('grants/call-form', { call });
    },

    updateCall: form('grants/call-form', async (req: Request, res: Response) => {
      const id = String(req.params.id);
      res.locals.values = req.body;
      res.locals.call = await getCall(req.user, id);
      await callFormLocals(res);
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
