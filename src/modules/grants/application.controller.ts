/** Applicant pages: starting, editing, submitting and moving an application, and its attachments. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { form } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { ValidationError } from '../../shared/errors.js';
import { bangkokDay } from '../../shared/dates.js';
import { MAX_FILE_BYTES } from '../../shared/files.js';
import { uploadedFiles } from '../../shared/http/upload.js';
import { applicationSchema, startSchema, transitionSchema } from './grants.schemas.js';
import { getCall } from './call.service.js';
import { getApplication, listMyApplications, saveApplication, startApplication, type ApplicationView } from './application.service.js';
import { transition } from './application-transition.service.js';
import { MAX_ATTACHMENTS, addAttachments, downloadAttachment, removeAttachment } from './application-attachment.service.js';
import { committeeConflicts, committeeOf, reviewsOfApplication } from './review.service.js';
import { awardOfApplication } from './award.service.js';
import { areaLabel, geography } from '../directory/geography.js';
import type { SessionUser } from '../accounts/user.types.js';
import { bahtInput, sendFile, withSpareRows } from './grants.views.js';

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

export function applicationController() {
  return {
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
  };
}
