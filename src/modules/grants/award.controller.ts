/** Award pages: staff's decisions and awards, tranche payments and report reviews; the grantee's reports and photos. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { uploadedFiles } from '../../shared/http/upload.js';
import { awardSchema, reportReviewSchema, reportSchema, trancheSchema } from './grants.schemas.js';
import { getCall } from './call.service.js';
import { makeAward } from './award.service.js';
import { decisionCsv, decisionView } from './decision-view.service.js';
import { payTranche } from './tranche.service.js';
import { reportPhoto, reviewReport, submitReport } from './grant-report.service.js';
import { sendFile } from './grants.views.js';

export function awardController() {
  return {
    // ---- Staff -------------------------------------------------------------------------------
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

    // ---- Grantees ----------------------------------------------------------------------------
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
  };
}
