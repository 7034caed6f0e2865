/** Award pages: staff's decisions and awards, tranche payments and report reviews; the grantee's reports and photos. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { uploadedFiles } from '../../shared/http/upload.js';
import { typedValues } from '../../shared/http/forms.js';
import { ValidationError } from '../../shared/errors.js';
import { wantsJson } from '../../shared/http/error-handler.js';
import { translate } from '../../shared/i18n/index.js';
import {
  awardSchema,
  decideSchema,
  decisionsQuery,
  reportReviewSchema,
  reportSchema,
  trancheSchema,
} from './grants.schemas.js';
import { getCall } from './call.service.js';
import { getApplication } from './application.service.js';
import { transition } from './application-transition.service.js';
import { makeAward } from './award.service.js';
import { applicationController, applicationPageLocals } from './application.controller.js';
import { decisionCsv, decisionPage, decisionView } from './decision-view.service.js';
import { payTranche } from './tranche.service.js';
import { assertMayReport, reportPhoto, reviewReport, submitReport } from './grant-report.service.js';
import { sendFile } from '../../shared/http/send-file.js';

/** The decision view, with the award form's problems beside the row they belong to (`errorFor`). */
async function decisionsPage(
  req: Request,
  res: Response,
  callId: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const call = await getCall(req.user, callId);
  const view = await decisionView(req.user, call.id);
  const { page } = parseInput(decisionsQuery, req.query);
  const errorFor = typeof extra.errorFor === 'string' ? extra.errorFor : undefined;
  res.render('grants/decisions', {
    call,
    view,
    page: decisionPage(view, page, errorFor),
    pageBase: `/admin/calls/${call.id}/decisions?`,
    ...extra,
  });
}

export function awardController() {
  const applications = applicationController();
  return {
    // ---- Staff -------------------------------------------------------------------------------
    decisions: async (req: Request, res: Response) => {
      await decisionsPage(req, res, String(req.params.id));
    },

    decisionsCsv: async (req: Request, res: Response) => {
      const csv = await decisionCsv(req.user, String(req.params.id), req.locale ?? 'th');
      res
        .type('text/csv; charset=utf-8')
        .attachment(`decisions-${String(req.params.id)}.csv`)
        .send(csv);
    },

    /**
     * Awards from the application page or from the decision view. A refused amount (above the
     * request, the call's maximum or the fund's money) comes back to the same form, the message
     * beside the amount and what was typed kept.
     */
    award: async (req: Request, res: Response) => {
      const applicationId = String(req.params.id);
      const fromDecisions = (req.body as Record<string, unknown> | undefined)?.from === 'decisions';
      try {
        const input = parseInput(awardSchema, req.body);
        await makeAward(req.user, applicationId, { amountSatang: input.amountSatang, conditions: input.conditions });
      } catch (error) {
        // JSON callers get the error handler's JSON; people get the form back.
        if (!(error instanceof ValidationError) || wantsJson(req)) throw error;
        res.status(422);
        res.locals.values = typedValues(req.body);
        res.locals.errors = error.fields;
        res.locals.formError = translate(req.locale ?? 'th', error.messageKey, error.params);
        if (!fromDecisions) return applications.application(req, res);
        const app = await getApplication(req.user, applicationId);
        return decisionsPage(req, res, app.callId, { errorFor: applicationId });
      }
      flash(req, { type: 'success', key: 'grants.awarded' });
      if (!fromDecisions) return res.redirect(303, `/applications/${applicationId}`);
      const app = await getApplication(req.user, applicationId);
      res.redirect(303, `/admin/calls/${app.callId}/decisions#app-${applicationId}`);
    },

    /** A decision taken from the decision view (the same transition as on the application page); back to the view. */
    decide: async (req: Request, res: Response) => {
      const applicationId = String(req.params.id);
      const input = parseInput(decideSchema, req.body);
      if (input.action === 'decline' && !input.confirmDecline) {
        // Nothing changes: back to the row, saying what the tick is for.
        const app = await getApplication(req.user, applicationId);
        flash(req, {
          type: 'error',
          key: 'grants.declineConfirmNeeded',
          params: { title: app.title || translate(req.locale ?? 'th', 'grants.untitled') },
        });
        return res.redirect(303, `/admin/calls/${app.callId}/decisions#app-${applicationId}`);
      }
      await transition(req.user, applicationId, { action: input.action, comment: input.comment, letter: input.letter });
      const app = await getApplication(req.user, applicationId);
      flash(req, {
        type: 'success',
        key: `grants.decided.${input.action}`,
        params: { title: app.title || translate(req.locale ?? 'th', 'grants.untitled') },
      });
      res.redirect(303, `/admin/calls/${app.callId}/decisions#app-${applicationId}`);
    },

    pay: async (req: Request, res: Response) => {
      const { reference } = parseInput(trancheSchema, req.body);
      const applicationId = await payTranche(
        req.user,
        String(req.params.awardId),
        Number(req.params.number),
        reference,
      );
      flash(req, { type: 'success', key: 'grants.tranchePaidNow' });
      res.redirect(303, `/applications/${applicationId}`);
    },

    reviewReport: async (req: Request, res: Response) => {
      const input = parseInput(reportReviewSchema, req.body);
      const applicationId = await reviewReport(
        req.user,
        String(req.params.awardId),
        String(req.params.reportId),
        input.decision === 'accept',
        input.comment,
      );
      flash(req, {
        type: 'success',
        key: input.decision === 'accept' ? 'grants.reportAccepted' : 'grants.reportReturned',
      });
      res.redirect(303, `/applications/${applicationId}`);
    },

    // ---- Grantees ----------------------------------------------------------------------------
    report: async (req: Request, res: Response) => {
      let applicationId: string;
      try {
        const body = parseInput(reportSchema, req.body);
        const indicators = body.indicators.filter((i) => i.value !== '');
        applicationId = await submitReport(
          req.user,
          String(req.params.awardId),
          String(req.params.reportId),
          { narrative: body.narrative, spending: body.spending, indicators },
          uploadedFiles(req),
        );
      } catch (error) {
        // People get the report form back on the application page, beside its fields; JSON callers the handler's JSON.
        if (error instanceof ValidationError && !wantsJson(req)) await reportFormAgain(req, res);
        throw error;
      }
      flash(req, { type: 'success', key: 'grants.reportSent' });
      res.redirect(303, `/applications/${applicationId}`);
    },

    photo: async (req: Request, res: Response) => {
      sendFile(res, await reportPhoto(req.user, String(req.params.awardId), String(req.params.photoId)));
    },
  };
}

/** The application page as the error handler's form: the refused report's messages and text beside its fields. */
export async function reportFormAgain(req: Request, res: Response): Promise<void> {
  const { applicationId } = await assertMayReport(req.user, String(req.params.awardId), String(req.params.reportId));
  Object.assign(res.locals, await applicationPageLocals(req, res, applicationId), {
    reportErrorFor: String(req.params.reportId),
  });
  res.locals.formView = 'grants/application';
}
