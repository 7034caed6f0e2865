/** Grant pages: open calls, applications, the reviewer's desk, and staff's calls and decisions. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { form } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { ValidationError } from '../../shared/errors.js';
import { bangkokDay, toBangkokDateTimeInput } from '../../shared/dates.js';
import { MAX_FILE_BYTES } from '../../shared/files.js';
import { rowList } from '../../shared/http/form-fields.js';
import { uploadedFiles } from '../../shared/http/upload.js';
import {
  applicationSchema,
  assignSchema,
  awardSchema,
  callApplicationsQuery,
  callSchema,
  conflictSchema,
  reportReviewSchema,
  reportSchema,
  reviewSchema,
  startSchema,
  trancheSchema,
  transitionSchema,
} from './grants.schemas.js';
import { createCall, eligibilityFor, getCall, inviteesFor, listAllCalls, listClosedCalls, listOpenCalls, publishCall, updateCall, type CallView } from './call.service.js';
import {
  MAX_ATTACHMENTS,
  addAttachments,
  downloadAttachment,
  getApplication,
  listCallApplications,
  listMyApplications,
  removeAttachment,
  saveApplication,
  startApplication,
  transition,
  type ApplicationView,
} from './application.service.js';
import { assignReviewers, autoAssign, committeeConflicts, committeeOf, declareConflict, getMyReview, listMyReviews, reviewsOfApplication, saveReview } from './review.service.js';
import { awardOfApplication, decisionCsv, decisionView, makeAward, payTranche, reportPhoto, reviewReport, submitReport } from './award.service.js';
import { APPLICATION_STATES } from './application.workflow.js';
import { RECOMMENDATIONS } from './review.model.js';
import { listFunds } from '../funds/fund.service.js';
import { areaLabel, geography } from '../directory/geography.js';
import { ISSUES, ORG_ROLES, ORG_TYPES } from '../directory/vocabulary.js';
import type { SessionUser } from '../accounts/user.types.js';

const vocabulary = { roles: ORG_ROLES, types: ORG_TYPES, issues: ISSUES };

const bahtInput = (satang: number | undefined | null) => (typeof satang === 'number' ? (satang / 100).toFixed(2).replace(/\.00$/, '') : '');

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
    budget: bahtInput(call.budgetSatang),
    maxPerGrant: bahtInput(call.maxPerGrantSatang),
    opensAt: toBangkokDateTimeInput(call.opensAt),
    closesAt: toBangkokDateTimeInput(call.closesAt),
    stages: String(call.stages),
    fullProposalClosesAt: call.fullProposalClosesAt ? toBangkokDateTimeInput(call.fullProposalClosesAt) : '',
    criteria: call.rubric.criteria.map((c) => ({ nameTh: c.name.th, nameEn: c.name.en, descriptionTh: c.description.th, descriptionEn: c.description.en, weight: String(c.weight) })),
    scaleMin: String(call.rubric.scale.min),
    scaleMax: String(call.rubric.scale.max),
    descriptors: call.rubric.scale.descriptors.map((d) => ({ score: String(d.score), labelTh: d.label.th, labelEn: d.label.en })),
    committee: committeeEmails.join('\n'),
    reviewsPerApplication: String(call.reviewsPerApplication),
    reviewDueAt: call.reviewDueAt ? toBangkokDateTimeInput(call.reviewDueAt) : '',
    blindReview: call.blindReview ? 'on' : '',
    tranches: call.tranchePercents.join(', '),
  };
}

/** Blank rows after the filled ones, so the form works without JavaScript. */
function withSpareRows<T>(list: readonly T[] | undefined, spare: number, blank: T): T[] {
  // The values are what was posted: rows of any shape (an object, a string) re-render as blank rows.
  const given = rowList(list);
  return [...(Array.isArray(given) ? (given as T[]).filter((row) => typeof row === 'object' && row !== null) : []), ...Array.from({ length: spare }, () => blank)];
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

/** The application form's values from a saved application. */
function applicationValues(app: ApplicationView): Record<string, unknown> {
  return {
    title: app.title,
    problem: app.problem,
    objectives: app.objectives,
    activities: app.activities,
    targetGroup: app.targetGroup,
    beneficiaries: app.beneficiaries ? String(app.beneficiaries) : '',
    provinceCode: app.area.provinceCode ?? '',
    districtCode: app.area.districtCode ?? '',
    subDistrictCode: app.area.subDistrictCode ?? '',
    budget: app.budgetLines.map((l) => ({ item: l.item, quantity: String(l.quantity), unitCost: bahtInput(l.unitCostSatang) })),
    cofunding: app.coFunding.map((c) => ({ source: c.source, amount: bahtInput(c.amountSatang) })),
    results: app.results,
  };
}

async function applicationFormLocals(res: Response, app: ApplicationView): Promise<void> {
  const geo = await geography();
  const values = (res.locals.values ?? {}) as Record<string, unknown>;
  const province = typeof values.provinceCode === 'string' ? values.provinceCode : '';
  const district = typeof values.districtCode === 'string' ? values.districtCode : '';
  Object.assign(res.locals, {
    application: app,
    call: await getCall(res.locals.user as SessionUser, app.callId),
    provinces: geo.provinces,
    districts: province ? geo.districtsOf(province) : [],
    subDistricts: district && geo.district(district)?.provinceCode === province ? geo.subDistrictsOf(district) : [],
    activityRows: withSpareRows(values.activities as unknown[] | undefined, 3, {}),
    budgetRows: withSpareRows(values.budget as unknown[] | undefined, 3, {}),
    cofundingRows: withSpareRows(values.cofunding as unknown[] | undefined, 2, {}),
    resultRows: withSpareRows(values.results as unknown[] | undefined, 2, {}),
    maxAttachments: MAX_ATTACHMENTS,
    maxFileMb: MAX_FILE_BYTES / 1024 / 1024,
  });
}

/** Which submit action the applicant's "submit" button takes from the current state. */
function submitAction(app: ApplicationView): string | undefined {
  return app.actions.find((a) => ['submit', 'submit_concept', 'resubmit'].includes(a.action))?.action;
}


export function grantsController() {
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

    // ---- Applicants --------------------------------------------------------------------------
    start: async (req: Request, res: Response) => {
      const { orgId } = parseInput(startSchema, req.body);
      const id = await startApplication(req.user, String(req.params.id), orgId);
      res.redirect(303, `/applications/${id}/edit`);
    },

    myApplications: async (req: Request, res: Response) => {
      res.render('grants/my-applications', { applications: await listMyApplications(req.user) });
    },

    application: async (req: Request, res: Response) => {
      const actor = req.user as SessionUser;
      const app = await getApplication(actor, String(req.params.id));
      const staff = app.roles.includes('staff');
      const [call, award, reviews] = await Promise.all([getCall(actor, app.callId), awardOfApplication(actor, app.id).catch(() => null), staff ? reviewsOfApplication(actor, app.id) : []]);
      const geo = await geography();
      res.render('grants/application', {
        application: app,
        call,
        award,
        reviews,
        committee: staff ? await committeeOf(call) : [],
        conflicts: staff ? await committeeConflicts(actor, app.id) : [],
        areaLabel: app.area.provinceCode ? areaLabel(geo, { provinceCode: app.area.provinceCode, districtCode: app.area.districtCode, subDistrictCode: app.area.subDistrictCode }, req.locale ?? 'th') : null,
        isStaff: staff,
        isApplicant: app.roles.includes('applicant'),
        transitions: app.actions.filter((a) => !['submit', 'submit_concept', 'resubmit'].includes(a.action)),
        submitAction: submitAction(app),
        today: bangkokDay(new Date()),
      });
    },

    editForm: async (req: Request, res: Response) => {
      const app = await getApplication(req.user, String(req.params.id));
      if (!app.editable) return res.redirect(303, `/applications/${app.id}`);
      res.locals.values = applicationValues(app);
      await applicationFormLocals(res, app);
      res.render('grants/application-form');
    },

    save: form('grants/application-form', async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const app = await getApplication(req.user, id);
      res.locals.values = req.body;
      await applicationFormLocals(res, app);
      const input = parseInput(applicationSchema, req.body);
      await saveApplication(req.user, id, input);
      if (req.body?.intent === 'submit') {
        const action = submitAction(await getApplication(req.user, id));
        if (action) {
          await transition(req.user, id, { action });
          flash(req, { type: 'success', key: 'grants.submitted' });
          return res.redirect(303, `/applications/${id}`);
        }
      }
      flash(req, { type: 'success', key: 'grants.draftSaved' });
      res.redirect(303, `/applications/${id}/edit`);
    }),

    move: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const input = parseInput(transitionSchema, req.body);
      // Withdrawing cannot be undone: the form asks for a tick first (required without JavaScript too).
      if (input.action === 'withdraw' && !input.confirm) throw new ValidationError({ confirm: { key: 'grants.withdrawConfirm' } }, 'grants.withdrawConfirm');
      await transition(req.user, id, input);
      flash(req, { type: 'success', key: `grants.moved.${input.action}` });
      res.redirect(303, `/applications/${id}`);
    },

    upload: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const count = await addAttachments(req.user, id, uploadedFiles(req));
      flash(req, { type: 'success', key: 'grants.attached', params: { count } });
      res.redirect(303, `/applications/${id}/edit`);
    },

    removeFile: async (req: Request, res: Response) => {
      await removeAttachment(req.user, String(req.params.id), String(req.params.fileId));
      flash(req, { type: 'success', key: 'grants.fileRemoved' });
      res.redirect(303, `/applications/${String(req.params.id)}/edit`);
    },

    download: async (req: Request, res: Response) => {
      const file = await downloadAttachment(req.user, String(req.params.id), String(req.params.fileId));
      sendFile(res, file);
    },

    report: async (req: Request, res: Response) => {
      const body = parseInput(reportSchema, req.body);
      const spending = body.spending.filter((s) => s.spent !== undefined).map((s) => ({ line: s.line, spentSatang: s.spent as number }));
      const indicators = body.indicators.filter((i) => i.value !== '');
      const applicationId = await submitReport(req.user, String(req.params.awardId), String(req.params.reportId), { narrative: body.narrative, spending, indicators }, uploadedFiles(req));
      flash(req, { type: 'success', key: 'grants.reportSent' });
      res.redirect(303, `/applications/${applicationId}`);
    },

    photo: async (req: Request, res: Response) => {
      sendFile(res, await reportPhoto(req.user, String(req.params.awardId), String(req.params.photoId)));
    },

    // ---- Reviewers ---------------------------------------------------------------------------
    myReviews: async (req: Request, res: Response) => {
      res.render('grants/reviews', { assignments: await listMyReviews(req.user) });
    },

    review: async (req: Request, res: Response) => {
      const actor = req.user as SessionUser;
      const review = await getMyReview(actor, String(req.params.applicationId));
      const readable = review.declaredConflict === false && review.detectedConflicts.length === 0 && review.status !== 'conflicted';
      const app = readable ? await getApplication(actor, review.applicationId) : null;
      const call = await getCall(actor, review.callId);
      res.locals.values ??= { ...review.scores, recommendation: review.recommendation, commentForStaff: review.commentForStaff, commentForApplicant: review.commentForApplicant };
      res.render('grants/review', { review, application: app, call, recommendations: RECOMMENDATIONS, scale: range(call.rubric.scale.min, call.rubric.scale.max) });
    },

    declare: async (req: Request, res: Response) => {
      const input = parseInput(conflictSchema, req.body);
      await declareConflict(req.user, String(req.params.applicationId), input);
      flash(req, { type: input.conflict ? 'info' : 'success', key: input.conflict ? 'grants.conflictRecorded' : 'grants.noConflictRecorded' });
      res.redirect(303, input.conflict ? '/reviews' : `/reviews/${String(req.params.applicationId)}`);
    },

    score: async (req: Request, res: Response) => {
      const applicationId = String(req.params.applicationId);
      const input = parseInput(reviewSchema, req.body);
      const scores = Object.fromEntries(Object.entries(input.scores).map(([k, v]) => [k, v === '' ? undefined : Number(v)]));
      try {
        await saveReview(req.user, applicationId, { scores, recommendation: input.recommendation, commentForStaff: input.commentForStaff, commentForApplicant: input.commentForApplicant, submit: input.intent === 'submit' });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // Show the form again with what was typed and the problems beside each criterion.
        res.locals.values = { ...scores, recommendation: input.recommendation, commentForStaff: input.commentForStaff, commentForApplicant: input.commentForApplicant };
        res.locals.errors = error.fields;
        res.locals.formError = true;
        res.status(422);
        const review = await getMyReview(req.user, applicationId);
        const call = await getCall(req.user, review.callId);
        return res.render('grants/review', { review, application: await getApplication(req.user, applicationId), call, recommendations: RECOMMENDATIONS, scale: range(call.rubric.scale.min, call.rubric.scale.max), errors: error.fields, formErrorKey: 'errors.validation' });
      }
      flash(req, { type: 'success', key: input.intent === 'submit' ? 'grants.reviewSubmitted' : 'grants.reviewSaved' });
      res.redirect(303, input.intent === 'submit' ? '/reviews' : `/reviews/${applicationId}`);
    },

    // ---- Staff -------------------------------------------------------------------------------
    adminCalls: async (req: Request, res: Response) => {
      res.render('grants/admin-calls', { calls: await listAllCalls(req.user) });
    },

    newCallForm: async (_req: Request, res: Response) => {
      res.locals.values = { stages: '1', scaleMin: '1', scaleMax: '5', reviewsPerApplication: '3', tranches: '60, 40', roles: ['recipient'] };
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
      res.locals.values = callValues(call, committee.map((m) => m.email));
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
      const page = await listCallApplications(req.user, call.id, { status: query.status, page: query.page, perPage: 25 });
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

    autoAssign: async (req: Request, res: Response) => {
      const result = await autoAssign(req.user, String(req.params.id));
      flash(req, { type: result.short ? 'info' : 'success', key: result.short ? 'grants.assignedShort' : 'grants.assigned', params: result });
      res.redirect(303, `/admin/calls/${String(req.params.id)}`);
    },

    assign: async (req: Request, res: Response) => {
      const { reviewerIds } = parseInput(assignSchema, req.body);
      const result = await assignReviewers(req.user, String(req.params.id), reviewerIds);
      flash(req, { type: 'success', key: 'grants.assigned', params: { ...result, short: 0 } });
      res.redirect(303, `/applications/${String(req.params.id)}`);
    },

    decisions: async (req: Request, res: Response) => {
      const call = await getCall(req.user, String(req.params.id));
      res.render('grants/decisions', { call, view: await decisionView(req.user, call.id) });
    },

    decisionsCsv: async (req: Request, res: Response) => {
      const csv = await decisionCsv(req.user, String(req.params.id), req.locale ?? 'th');
      res.type('text/csv; charset=utf-8').attachment(`decisions-${String(req.params.id)}.csv`).send(csv);
    },

    award: async (req: Request, res: Response) => {
      const input = parseInput(awardSchema, req.body);
      await makeAward(req.user, String(req.params.id), { amountSatang: input.amount, conditions: input.conditions });
      flash(req, { type: 'success', key: 'grants.awarded' });
      res.redirect(303, `/applications/${String(req.params.id)}`);
    },

    pay: async (req: Request, res: Response) => {
      const { reference } = parseInput(trancheSchema, req.body);
      const applicationId = await payTranche(req.user, String(req.params.awardId), Number(req.params.number), reference);
      flash(req, { type: 'success', key: 'grants.tranchePaidNow' });
      res.redirect(303, `/applications/${applicationId}`);
    },

    reviewReport: async (req: Request, res: Response) => {
      const input = parseInput(reportReviewSchema, req.body);
      const applicationId = await reviewReport(req.user, String(req.params.awardId), String(req.params.reportId), input.decision === 'accept', input.comment);
      flash(req, { type: 'success', key: input.decision === 'accept' ? 'grants.reportAccepted' : 'grants.reportReturned' });
      res.redirect(303, `/applications/${applicationId}`);
    },
  };
}

function range(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}

/** Sends a stored file as a download: never rendered inline, never sniffed by the browser. */
function sendFile(res: Response, file: { filename: string; contentType: string; content: Buffer }): void {
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Content-Security-Policy', "default-src 'none'; sandbox");
  res.type(file.contentType).attachment(file.filename).send(file.content);
}
