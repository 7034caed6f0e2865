/**
 * The applicant's form (/applications/:id/edit): one form for the text and the files, so nothing
 * typed is lost by attaching, removing a file or adding a row. Every button saves the draft first,
 * then attaches the files chosen, removes one, adds a row, or submits.
 */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { form } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { ValidationError } from '../../shared/errors.js';
import { MAX_FILE_BYTES } from '../../shared/files.js';
import { keepUploads, uploadedFiles } from '../../shared/http/upload.js';
import { applicationSchema } from './grants.schemas.js';
import { getCall } from './call.service.js';
import { getApplication, saveApplication, type ApplicationView } from './application.service.js';
import { transition } from './application-transition.service.js';
import { submitActionOf } from './application.workflow.js';
import { MAX_ATTACHMENTS, addAttachments, removeAttachment } from './application-attachment.service.js';
import { geography } from '../directory/index.js';
import type { SessionUser } from '../../shared/actor.js';
import { satangToInput } from '../../shared/money.js';
import {
  askedRowCounts,
  formRows,
  parseIntent,
  rowProblems,
  rowsAfterAdding,
  rowsWithProblems,
  typedBudget,
  type Intent,
} from './application-form.views.js';
import type { ApplicationRowGroup } from './grants.schemas.js';

const VIEW = 'grants/application-form';

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
    budget: app.budgetLines.map((l) => ({
      item: l.item,
      quantity: String(l.quantity),
      unitCost: satangToInput(l.unitCostSatang),
    })),
    cofunding: app.coFunding.map((c) => ({ source: c.source, amount: satangToInput(c.amountSatang) })),
    results: app.results,
  };
}

/**
 * Everything the form needs besides `values`: the rows to show (with each filled row's problems
 * when `checkRows`), the budget against the cap, the area lists and the files.
 */
async function formLocals(
  res: Response,
  app: ApplicationView,
  options: { rows?: Partial<Record<ApplicationRowGroup, number>>; checkRows?: boolean } = {},
): Promise<void> {
  const geo = await geography();
  const values = (res.locals.values ?? {}) as Record<string, unknown>;
  const province = typeof values.provinceCode === 'string' ? values.provinceCode : '';
  const district = typeof values.districtCode === 'string' ? values.districtCode : '';
  const call = await getCall(res.locals.user as SessionUser, app.callId);
  const rows = (group: ApplicationRowGroup) => {
    const shown = formRows(values[group], group, options.rows?.[group] ?? 0);
    return rowsWithProblems(shown, options.checkRows ? rowProblems(shown, group) : null);
  };
  Object.assign(res.locals, {
    application: app,
    call,
    provinces: geo.provinces,
    districts: province ? geo.districtsOf(province) : [],
    subDistricts: district && geo.district(district)?.provinceCode === province ? geo.subDistrictsOf(district) : [],
    activityRows: rows('activities'),
    budgetRows: rows('budget'),
    cofundingRows: rows('cofunding'),
    resultRows: rows('results'),
    budget: typedBudget(values.budget, call.maxPerGrantSatang),
    maxAttachments: MAX_ATTACHMENTS,
    maxFileMb: MAX_FILE_BYTES / 1024 / 1024,
  });
}

/** Where each button leads after the draft is saved (and its own step is done). */
function afterSave(req: Request, id: string, intent: Intent): string {
  if (intent.kind === 'add') {
    const rows = rowsAfterAdding((req.body as Record<string, unknown>)[intent.group], intent.group);
    return `/applications/${id}/edit?${intent.group}Rows=${rows}#f-${intent.group}`;
  }
  if (intent.kind === 'upload' || intent.kind === 'remove') return `/applications/${id}/edit#files-heading`;
  return `/applications/${id}/edit`;
}

export function applicationFormController() {
  return {
    editForm: async (req: Request, res: Response) => {
      const app = await getApplication(req.user, String(req.params.id));
      if (!app.editable) return res.redirect(303, `/applications/${app.id}`);
      res.locals.values = applicationValues(app);
      await formLocals(res, app, { rows: askedRowCounts(req.query as Record<string, unknown>) });
      res.render(VIEW);
    },

    /**
     * The form again when its body was refused before the handler ran (a file of the wrong type): what was typed
     * stays.
     */
    refused: async (req: Request, res: Response) => {
      const app = await getApplication(req.user, String(req.params.id));
      res.locals.formView = VIEW;
      res.locals.values = { ...applicationValues(app), ...((req.body ?? {}) as Record<string, unknown>) };
      await formLocals(res, app, { checkRows: true });
    },

    save: form(VIEW, async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const app = await getApplication(req.user, id);
      const intent = parseIntent((req.body as Record<string, unknown> | undefined)?.intent);
      res.locals.values = req.body;
      await formLocals(res, app, {
        checkRows: true,
        rows:
          intent.kind === 'add'
            ? { [intent.group]: rowsAfterAdding((req.body as Record<string, unknown>)[intent.group], intent.group) }
            : {},
      });
      const files = uploadedFiles(req);
      let input;
      try {
        input = parseInput(applicationSchema, req.body);
      } catch (error) {
        // The files chosen go with the refused text (a browser cannot put them back): say so beside the file field.
        if (error instanceof ValidationError && files.length > 0)
          error.fields.attachments ??= { key: 'grants.applicant.filesNotKept' };
        throw error;
      }
      await saveApplication(req.user, id, input);
      if (files.length > 0 || intent.kind === 'upload') await addAttachments(req.user, id, files);
      keepUploads(req);
      if (intent.kind === 'remove') await removeAttachment(req.user, id, intent.fileId);
      if (intent.kind === 'submit') {
        const action = submitActionOf((await getApplication(req.user, id)).actions);
        if (action) {
          await transition(req.user, id, { action });
          flash(req, { type: 'success', key: 'grants.submitted' });
          return res.redirect(303, `/applications/${id}`);
        }
      }
      const saved =
        files.length > 0
          ? 'grants.applicant.savedWithFiles'
          : intent.kind === 'remove'
            ? 'grants.applicant.savedFileRemoved'
            : 'grants.draftSaved';
      flash(req, { type: 'success', key: saved });
      res.redirect(303, afterSave(req, id, intent));
    }),

    /** The older upload-only address (kept for links and scripts): the files only, back to the form. */
    upload: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      await addAttachments(req.user, id, uploadedFiles(req));
      keepUploads(req);
      flash(req, { type: 'success', key: 'grants.applicant.filesAttached' });
      res.redirect(303, `/applications/${id}/edit#files-heading`);
    },

    removeFile: async (req: Request, res: Response) => {
      await removeAttachment(req.user, String(req.params.id), String(req.params.fileId));
      flash(req, { type: 'success', key: 'grants.fileRemoved' });
      res.redirect(303, `/applications/${String(req.params.id)}/edit`);
    },
  };
}
