/** A logged-in donor's gifts: the list with receipts, yearly tax summaries, cancelling a monthly gift. */
import type { Deduction } from './e-donation.rules.js';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { cancelMyMonthlyGift, claimGift, donorYearGifts, listMyGifts } from './my-gifts.service.js';
import { renderYearSummaryPdf } from './receipt.pdf.js';
import { foundationInfo } from './foundation-info.js';
import { pledgePayload, qrDataUrl } from './promptpay-qr.js';
import { claimGiftSchema, yearSchema } from './funds.schemas.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { form } from '../../shared/http/forms.js';
import { NotFoundError } from '../../shared/errors.js';
import { BUDDHIST_ERA_OFFSET } from '../../shared/dates.js';
import type { SessionUser } from '../../shared/actor.js';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

/** The year's gifts summed by what they may be deducted as (1×, 2× and its legal basis). */
function deductionTotals(gifts: { amountSatang: number; deduction: Deduction }[]) {
  const totals = new Map<string, { multiplier: number; basis: { th: string; en: string }; totalSatang: number }>();
  for (const { amountSatang, deduction } of gifts) {
    const key = `${deduction.multiplier}:${deduction.basis.th}`;
    const total = totals.get(key) ?? { multiplier: deduction.multiplier, basis: deduction.basis, totalSatang: 0 };
    total.totalSatang += amountSatang;
    totals.set(key, total);
  }
  return [...totals.values()];
}

export const giftsController = {
  list: async (req: Request, res: Response) => {
    const { page } = parseInput(pageQuery, req.query);
    const gifts = await listMyGifts(req.user as SessionUser, page);
    // Each pledge waiting for a transfer gets its QR for the exact amount (none without a PromptPay ID).
    const waiting = await Promise.all(
      gifts.waiting.map(async (p) => {
        const payload = pledgePayload(foundationInfo(), p.amountSatang, p.reference);
        return { ...p, qr: payload ? await qrDataUrl(payload) : null };
      }),
    );
    // Where a gift was reported to the Revenue Department, the donor is told where to check it.
    const eDonationReported = gifts.gifts.items.some((g) => ['reported', 'confirmed'].includes(g.eDonationStatus));
    res.render('funds/my-gifts', { ...gifts, waiting, foundation: foundationInfo(), eDonationReported });
  },

  yearSummary: async (req: Request, res: Response) => {
    const { year } = parseInput(yearSchema, req.params);
    const user = req.user as SessionUser;
    const locale = req.locale ?? 'th';
    const gifts = await donorYearGifts(user, year);
    if (gifts.length === 0) throw new NotFoundError('donations.noGiftsThatYear');
    const pdf = await renderYearSummaryPdf({
      locale,
      yearLabel: String(locale === 'th' ? year : year - BUDDHIST_ERA_OFFSET),
      foundation: foundationInfo(),
      donorName: gifts[0]?.donorName ?? user.name,
      gifts: gifts.map((g) => ({ ...g, fundName: g.fundName[locale] })),
      totalSatang: gifts.reduce((sum, g) => sum + g.amountSatang, 0),
      deductions: deductionTotals(gifts),
    });
    res.type('application/pdf');
    res.set('Content-Disposition', `attachment; filename="donations-${year}.pdf"`);
    res.set('Cache-Control', 'private, no-store');
    res.send(pdf);
  },

  /** Claims one earlier gift by its reference code; a mismatch re-renders the list with "not found". */
  claim: form('funds/my-gifts', async (req: Request, res: Response) => {
    Object.assign(res.locals, await listMyGifts(req.user as SessionUser, 1));
    const input = parseInput(claimGiftSchema, req.body);
    await claimGift(req.user as SessionUser, input);
    flash(req, { type: 'success', key: 'gifts.claimed' });
    res.redirect(303, '/account/gifts');
  }),

  cancelMonthly: async (req: Request, res: Response) => {
    await cancelMyMonthlyGift(req.user as SessionUser, String(req.params.id));
    flash(req, { type: 'success', key: 'donations.monthlyCancelled' });
    res.redirect(303, '/account/gifts');
  },
};
