/**
 * Staff pages for money: the list of gifts with filters and CSV export, offline gifts, pledges
 * received, manual refunds, ledger corrections and campaigns. Services check the role again.
 */
import type { Request, Response } from 'express';
import { newSubmissionId } from './donation-start.service.js';
import { confirmPledge, recordManualRefund, recordOfflineGift } from './donation-offline.service.js';
import { donationsForExport, getDonationForStaff, listDonations } from './donation-query.service.js';
import { createCampaign, listCampaigns } from './campaign.service.js';
import { recordAdjustment } from './ledger-admin.service.js';
import { listFunds } from './fund.service.js';
import {
  adjustmentSchema,
  campaignSchema,
  confirmPledgeSchema,
  donationFilterSchema,
  offlineGiftSchema,
  refundSchema,
} from './funds.schemas.js';
import { CHANNELS, OFFLINE_CHANNELS } from './donation.rules.js';
import { DONATION_STATUSES } from './donation.status.js';
import { form } from '../../shared/http/forms.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { CSV_BOM, csvLine } from '../../shared/csv.js';
import { bangkokDay } from '../../shared/dates.js';
import { satangToDecimal } from '../../shared/money.js';

const CSV_HEADER = [
  'id',
  'created_at',
  'paid_at',
  'fund',
  'amount_baht',
  'refunded_baht',
  'frequency',
  'channel',
  'payment_method',
  'status',
  'donor_name',
  'donor_email',
  'anonymous',
  'dedication',
  'receipt_number',
  'reference',
  'tax_receipt',
  'e_donation_consent',
];

const baht = satangToDecimal;

async function fundChoices(res: Response) {
  res.locals.funds = await listFunds();
  res.locals.channels = OFFLINE_CHANNELS;
}

export const donationsAdminController = {
  list: async (req: Request, res: Response) => {
    const filters = parseInput(donationFilterSchema, req.query);
    const page = await listDonations(req.user, filters, filters.page);
    const query = {
      fund: filters.fund ?? '',
      status: filters.status ?? '',
      channel: filters.channel ?? '',
      from: filters.from ? bangkokDay(filters.from) : '',
      to: filters.to ? bangkokDay(filters.to) : '',
      q: filters.q ?? '',
    };
    const qs = new URLSearchParams(query).toString();
    res.render('admin/donations', {
      page,
      query,
      funds: await listFunds(),
      statuses: DONATION_STATUSES,
      channels: CHANNELS,
      pageBase: `/admin/donations?${qs}&`,
      csvUrl: `/admin/donations.csv?${qs}`,
    });
  },

  exportCsv: async (req: Request, res: Response) => {
    const filters = parseInput(donationFilterSchema, req.query);
    const rows = donationsForExport(req.user, filters);
    res.type('text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="donations-${bangkokDay(new Date())}.csv"`);
    res.write(CSV_BOM + csvLine(CSV_HEADER));
    for await (const r of rows) {
      res.write(
        csvLine([
          r.id,
          r.createdAt,
          r.paidAt,
          r.fundName.th,
          baht(r.amountSatang),
          baht(r.refundedSatang),
          r.frequency,
          r.channel,
          r.paymentMethod,
          r.status,
          r.donorName,
          r.donorEmail,
          r.anonymous,
          r.dedication,
          r.receiptNumber,
          r.reference,
          r.wantsTaxReceipt,
          r.eDonationConsent,
        ]),
      );
    }
    res.end();
  },

  show: async (req: Request, res: Response) => {
    res.render('admin/donation', {
      donation: await getDonationForStaff(req.user, String(req.params.id)),
      submissionId: newSubmissionId(),
      today: bangkokDay(new Date()),
    });
  },

  newOffline: async (_req: Request, res: Response) => {
    await fundChoices(res);
    res.render('admin/offline-gift', {
      values: {
        submissionId: newSubmissionId(),
        receivedAt: bangkokDay(new Date()),
        channel: 'bank_transfer',
        donorLocale: 'th',
      },
    });
  },

  createOffline: form('admin/offline-gift', async (req: Request, res: Response) => {
    await fundChoices(res);
    const input = parseInput(offlineGiftSchema, req.body);
    const id = await recordOfflineGift(req.user, {
      fundSlug: input.fund,
      campaignSlug: input.campaign,
      amountSatang: input.amountSatang,
      channel: input.channel,
      receivedAt: input.receivedAt,
      reference: input.reference,
      donor: { name: input.name, email: input.email ?? '', anonymous: input.anonymous, locale: input.donorLocale },
      dedication: input.dedication,
      taxReceipt: input.taxReceipt,
      submissionId: input.submissionId,
    });
    flash(req, { type: 'success', key: 'donations.offlineRecorded' });
    res.redirect(303, `/admin/donations/${id}`);
  }),

  refund: async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const input = parseInput(refundSchema, req.body);
    await recordManualRefund(req.user, id, input.amountSatang, input.submissionId);
    flash(req, { type: 'success', key: 'donations.refundRecorded' });
    res.redirect(303, `/admin/donations/${id}`);
  },

  confirmPledge: async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const input = parseInput(confirmPledgeSchema, req.body);
    await confirmPledge(req.user, id, input.receivedAt, input.reference);
    flash(req, { type: 'success', key: 'donations.pledgeConfirmed' });
    res.redirect(303, `/admin/donations/${id}`);
  },

  newAdjustment: async (_req: Request, res: Response) => {
    await fundChoices(res);
    res.render('admin/adjustment', { values: { submissionId: newSubmissionId(), direction: 'credit' } });
  },

  createAdjustment: form('admin/adjustment', async (req: Request, res: Response) => {
    await fundChoices(res);
    const input = parseInput(adjustmentSchema, req.body);
    await recordAdjustment(req.user, input);
    flash(req, { type: 'success', key: 'donations.adjustmentRecorded' });
    res.redirect(303, '/transparency');
  }),

  campaigns: async (req: Request, res: Response) => {
    res.render('admin/campaigns', { campaigns: await listCampaigns(req.user) });
  },

  newCampaign: async (_req: Request, res: Response) => {
    await fundChoices(res);
    res.render('admin/campaign-new', { values: {} });
  },

  createCampaign: form('admin/campaign-new', async (req: Request, res: Response) => {
    await fundChoices(res);
    const input = parseInput(campaignSchema, req.body);
    await createCampaign(req.user, input);
    flash(req, { type: 'success', key: 'donations.campaignCreated' });
    res.redirect(303, `/campaigns/${input.slug}`);
  }),
};
