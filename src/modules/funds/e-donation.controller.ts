/**
 * The e-Donation pages (/admin/e-donation): the queue of gifts to report, batches prepared from
 * it, each batch's file for the Revenue Department's system, and the steps after sending it.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  cancelBatch,
  eDonationOverview,
  getBatch,
  markBatchConfirmed,
  markBatchReported,
  moveGift,
  prepareBatch,
} from './e-donation.service.js';
import { batchRows } from './e-donation.rules.js';
import { listDeductions, setDeduction } from './deductions.service.js';
import { bangkokDay, text } from '../../shared/http/form-fields.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { form } from '../../shared/http/forms.js';
import { CSV_BOM, csvLine } from '../../shared/csv.js';
import { bangkokDay as dayOf } from '../../shared/dates.js';
import { translate, type Locale } from '../../shared/i18n/index.js';
import { ValidationError } from '../../shared/errors.js';

const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);
const overviewQuery = z.object({ page: pageNumber, batchesPage: pageNumber });
const reportedSchema = z.object({ reportedOn: bangkokDay });
const deductionSchema = z.object({
  multiplier: z
    .enum(['', '1', '2'], 'validation.choice')
    .transform((v) => (v === '' ? undefined : (Number(v) as 1 | 2))),
  basisTh: text(500).default(''),
  basisEn: text(500).default(''),
});
const batchPath = (id: string) => `/admin/e-donation/batches/${encodeURIComponent(id)}`;

async function batchLocals(req: Request) {
  return { batch: await getBatch(req.user, String(req.params.id)), today: dayOf(new Date()) };
}

export const eDonationController = {
  overview: async (req: Request, res: Response) => {
    const { page, batchesPage } = parseInput(overviewQuery, req.query);
    res.render('admin/e-donation', await eDonationOverview(req.user, page, batchesPage));
  },

  prepare: async (req: Request, res: Response) => {
    const id = await prepareBatch(req.user);
    flash(req, { type: 'success', key: 'edonation.prepared' });
    res.redirect(303, batchPath(id));
  },

  batch: async (req: Request, res: Response) => {
    res.render('admin/e-donation-batch', await batchLocals(req));
  },

  exportBatch: async (req: Request, res: Response) => {
    const batch = await getBatch(req.user, String(req.params.id));
    const locale = (res.locals.locale ?? 'th') as Locale;
    const rows = batchRows(batch.lines, (key) => translate(locale, `edonation.export.${key}`));
    res.type('text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="e-donation-batch-${batch.number}.csv"`);
    res.send(CSV_BOM + rows.map((row) => csvLine(row)).join(''));
  },

  reported: form('admin/e-donation-batch', async (req: Request, res: Response) => {
    Object.assign(res.locals, await batchLocals(req));
    const { reportedOn } = parseInput(reportedSchema, req.body);
    if (dayOf(reportedOn) > dayOf(new Date()))
      throw new ValidationError({ reportedOn: { key: 'edonation.errors.futureDate' } });
    await markBatchReported(req.user, String(req.params.id), reportedOn);
    flash(req, { type: 'success', key: 'edonation.reported' });
    res.redirect(303, batchPath(String(req.params.id)));
  }),

  confirmed: async (req: Request, res: Response) => {
    await markBatchConfirmed(req.user, String(req.params.id));
    flash(req, { type: 'success', key: 'edonation.confirmed' });
    res.redirect(303, batchPath(String(req.params.id)));
  },

  cancel: async (req: Request, res: Response) => {
    await cancelBatch(req.user, String(req.params.id));
    flash(req, { type: 'success', key: 'edonation.cancelled' });
    res.redirect(303, '/admin/e-donation');
  },

  deductions: async (req: Request, res: Response) => {
    res.render('admin/deductions', await listDeductions(req.user));
  },

  setDeduction: (target: 'fund' | 'campaign') =>
    form('admin/deductions', async (req: Request, res: Response) => {
      Object.assign(res.locals, await listDeductions(req.user), { editing: String(req.params.id) });
      const input = parseInput(deductionSchema, req.body);
      await setDeduction(req.user, target, String(req.params.id), input);
      flash(req, { type: 'success', key: 'edonation.deductionSaved' });
      res.redirect(303, '/admin/e-donation/deductions');
    }),

  reportedByBank: async (req: Request, res: Response) => {
    await moveGift(req.user, String(req.params.id), 'reported_by_bank');
    flash(req, { type: 'success', key: 'edonation.setReportedByBank' });
    res.redirect(303, '/admin/e-donation');
  },

  correct: async (req: Request, res: Response) => {
    await moveGift(req.user, String(req.params.id), 'correct');
    flash(req, { type: 'success', key: 'edonation.correctionQueued' });
    res.redirect(303, `/admin/donations/${encodeURIComponent(String(req.params.id))}`);
  },
};
