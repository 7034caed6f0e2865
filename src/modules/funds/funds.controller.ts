/**
 * Public pages of giving: the menu, fund and campaign pages, the donate form and its outcome
 * pages, receipt downloads, the transparency page with its open data, and /api/v1/funds.
 * Thin: parse, call one service, render.
 */
import type { Request, Response } from 'express';
import { getFundBySlug, listFunds, type FundView } from './fund.service.js';
import { newSubmissionId, startDonation } from './donation-start.service.js';
import { assertCanReadReceipt, recentPublicGifts, thanksView } from './donation-query.service.js';
import { getCampaign, openCampaignsOfFund } from './campaign.service.js';
import { receiptView } from './receipt.service.js';
import { renderReceiptPdf } from './receipt.pdf.js';
import { isGiftLinkValid, isReceiptLinkValid, receiptPath, thanksPath } from './donation.links.js';
import { transparencyData } from './transparency.service.js';
import { renderMonthlyChart } from './monthly-chart.js';
import type { GrantLists, LatestNews, NewsOfFund } from './grant-lists.js';
import { donateSchema } from './funds.schemas.js';
import {
  FEE_RATE_BASIS_POINTS,
  MAX_ONLINE_SATANG,
  MIN_ONLINE_SATANG,
  PRESET_AMOUNTS_SATANG,
} from './donation.rules.js';
import { paymentProvider } from './payments/index.js';
import { foundationInfo, hasTransferInstructions } from './foundation-info.js';
import { form } from '../../shared/http/forms.js';
import { parseInput } from '../../shared/http/validate.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { translate, type Locale } from '../../shared/i18n/index.js';
import { toCsv } from '../../shared/csv.js';
import { satangToBaht, satangToInput } from '../../shared/money.js';
import { deductionOf } from './deductions.service.js';
import { campaignStory } from './campaign-story.service.js';
import { sharingLocals } from '../../shared/share-links.js';
import { pledgePayload, qrDataUrl } from './promptpay-qr.js';

/** The fund for "where most needed": unrestricted gifts the foundation allocates. */
export const GENERAL_FUND_SLUG = 'general';

/** The open-data shape: no internal ids beyond the slug, money in satang. */
function toApi(fund: FundView) {
  return {
    slug: fund.slug,
    kind: fund.kind,
    issue: fund.issue,
    name: fund.name,
    summary: fund.summary,
    currency: 'THB',
    goalSatang: fund.goalSatang,
    raisedSatang: fund.raisedSatang,
    refundedSatang: fund.refundedSatang,
    feesSatang: fund.feesSatang,
    grantedSatang: fund.grantedSatang,
    committedSatang: fund.committedSatang,
    availableSatang: fund.availableSatang,
    ...(fund.kind === 'endowment'
      ? { principalSatang: fund.principalSatang, spendableSatang: fund.spendableSatang }
      : {}),
  };
}

async function donateFormLocals(req: Request, res: Response, fundSlug: string, campaignSlug: string | undefined) {
  const funds = (await listFunds()).filter((f) => f.kind === 'sub_fund' || f.kind === 'endowment');
  const fund = funds.find((f) => f.slug === fundSlug);
  if (!fund) throw new NotFoundError('funds.notFound');
  const campaign = campaignSlug
    ? await getCampaign(campaignSlug).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined; // a closed or unknown campaign: the fund's own form
        throw error;
      })
    : undefined;
  const provider = paymentProvider();
  const shownCampaign = campaign && campaign.fundSlug === fund.slug && campaign.open ? campaign : undefined;
  const locals = {
    funds,
    fund,
    campaign: shownCampaign,
    // What donors may deduct for a gift here (2× for some causes), beside the tax receipt fields.
    deduction: await deductionOf(fund.id, shownCampaign?.id),
    presets: PRESET_AMOUNTS_SATANG.map((satang) => ({ satang, baht: satangToInput(satang) })),
    online: provider.online,
    // Neither online payment nor transfer details: the page says giving is not open yet.
    givingOpen: provider.online || hasTransferInstructions(),
    minBaht: satangToBaht(MIN_ONLINE_SATANG),
    maxBaht: satangToBaht(MAX_ONLINE_SATANG),
    foundation: foundationInfo(),
    // The "add the fee" offer: rates as people read them, and the card rate the script computes with.
    feeBasisPoints: FEE_RATE_BASIS_POINTS.card,
    cardRate: (FEE_RATE_BASIS_POINTS.card / 100).toFixed(2),
    promptPayRate: (FEE_RATE_BASIS_POINTS.promptpay / 100).toFixed(2),
  };
  Object.assign(res.locals, locals);
  return locals;
}

export function fundsController(options: {
  baseUrl: () => string;
  grantLists: GrantLists;
  latestNews?: LatestNews;
  newsOfFund?: NewsOfFund;
}) {
  return {
    home: async (_req: Request, res: Response) => {
      const [funds, news] = await Promise.all([listFunds(), options.latestNews?.(3) ?? []]);
      res.render('home', {
        news,
        subFunds: funds.filter((f) => f.kind === 'sub_fund' && f.slug !== GENERAL_FUND_SLUG),
        general: funds.find((f) => f.slug === GENERAL_FUND_SLUG),
        endowment: funds.find((f) => f.kind === 'endowment'),
      });
    },

    show: async (req: Request, res: Response) => {
      const fund = await getFundBySlug(String(req.params.slug));
      const [gifts, campaigns, grants, news] = await Promise.all([
        recentPublicGifts(fund.id),
        openCampaignsOfFund(fund.id),
        options.grantLists.ofFund(fund.id),
        options.newsOfFund?.(fund.id) ?? [],
      ]);
      // A shared link shows the fund's own summary (in the reader's language), not the site's.
      res.render('funds/show', { fund, gifts, campaigns, grants, news, metaDescription: fund.summary });
    },

    campaign: async (req: Request, res: Response) => {
      const slug = String(req.params.slug);
      const [campaign, story] = await Promise.all([getCampaign(slug), campaignStory(slug)]);
      const locale = (res.locals.locale ?? 'th') as Locale;
      const url = `${options.baseUrl()}/campaigns/${campaign.slug}`;
      res.render('funds/campaign', {
        campaign,
        story,
        ...sharingLocals({
          url,
          type: 'website',
          title: campaign.name,
          description: campaign.description,
          image: story.hasCover ? `${url}/cover` : undefined,
          locale,
        }),
      });
    },

    donateForm: async (req: Request, res: Response) => {
      const slug = typeof req.params.slug === 'string' ? req.params.slug : GENERAL_FUND_SLUG;
      const campaignSlug = typeof req.query.campaign === 'string' ? req.query.campaign : undefined;
      const locals = await donateFormLocals(req, res, slug, campaignSlug);
      res.render('funds/donate', {
        ...locals,
        values: {
          fund: locals.fund.slug,
          campaign: locals.campaign?.slug ?? '',
          amount: '500',
          frequency: 'one_time',
          name: req.user?.name ?? '',
          email: req.user?.email ?? '',
          submissionId: newSubmissionId(),
        },
      });
    },

    donate: form('funds/donate', async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      await donateFormLocals(
        req,
        res,
        typeof body.fund === 'string' ? body.fund : GENERAL_FUND_SLUG,
        typeof body.campaign === 'string' ? body.campaign : undefined,
      );
      const input = parseInput(donateSchema, req.body);
      const result = await startDonation({
        fundSlug: input.fund,
        campaignSlug: input.campaign,
        amountSatang: input.amountSatang,
        frequency: input.frequency,
        donor: {
          name: input.name,
          email: input.email,
          anonymous: input.anonymous,
          userId: req.user?.id,
          locale: req.locale ?? 'th',
        },
        dedication: input.dedication,
        taxReceipt: input.taxReceipt,
        submissionId: input.submissionId,
        baseUrl: options.baseUrl(),
        coverFee: input.coverFee,
        followCampaign: input.followCampaign,
      });
      // Stripe's hosted page lives elsewhere: a 303 makes the browser GET it.
      res.redirect(303, result.kind === 'redirect' ? result.url : result.thanksPath);
    }),

    thanks: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      if (!isGiftLinkValid(id, req.query.token)) throw new ForbiddenError('donations.badLink');
      res.render('funds/thanks', await thanksLocals(id));
    },

    cancelled: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      if (!isGiftLinkValid(id, req.query.token)) throw new ForbiddenError('donations.badLink');
      const gift = await thanksView(id);
      res.render('funds/cancelled', { gift });
    },

    receipt: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      await assertCanReadReceipt(req.user, id, isReceiptLinkValid(id, req.query.token));
      const view = await receiptView(
        id,
        req.query.lang === 'th' || req.query.lang === 'en' ? req.query.lang : undefined,
      );
      const pdf = await renderReceiptPdf(view);
      res.type('application/pdf');
      res.set('Content-Disposition', `attachment; filename="receipt-${view.receiptNumber}.pdf"`);
      res.set('Cache-Control', 'private, no-store');
      res.send(pdf);
    },

    transparency: async (req: Request, res: Response) => {
      const [data, grants, funds] = await Promise.all([transparencyData(), options.grantLists.recent(20), listFunds()]);
      res.locals.grants = grants.map((g) => ({ ...g, fund: funds.find((f) => f.id === g.fundId) ?? null }));
      const locale = req.locale ?? 'th';
      res.render('funds/transparency', {
        ...data,
        chart: renderMonthlyChart(data.monthly.total, locale, translate(locale, 'transparency.chartTitle')),
      });
    },

    openDataFunds: async (req: Request, res: Response) => {
      const data = await transparencyData();
      if (req.params.format === 'json') {
        res.json({
          generatedAt: new Date().toISOString(),
          currency: 'THB',
          funds: data.funds.map(toApi),
          monthly: data.monthly,
        });
        return;
      }
      const header = [
        'slug',
        'name_th',
        'name_en',
        'goal_satang',
        'raised_satang',
        'refunded_satang',
        'granted_satang',
        'committed_satang',
        'available_satang',
        'fees_satang',
      ];
      const rows = data.funds.map((f) => [
        f.slug,
        f.name.th,
        f.name.en,
        f.goalSatang,
        f.raisedSatang,
        f.refundedSatang,
        f.grantedSatang,
        f.committedSatang,
        f.availableSatang,
        f.feesSatang,
      ]);
      sendCsv(res, `funds.csv`, toCsv([header, ...rows]));
    },

    openDataMonthly: async (_req: Request, res: Response) => {
      const { monthly } = await transparencyData();
      const slugs = Object.keys(monthly.byFund);
      const header = ['month', 'total_satang', ...slugs.map((s) => `${s}_satang`)];
      const rows = monthly.total.map((m, i) => [
        m.month,
        m.amountSatang,
        ...slugs.map((s) => monthly.byFund[s]?.[i]?.amountSatang ?? 0),
      ]);
      sendCsv(res, 'gifts-by-month.csv', toCsv([header, ...rows]));
    },

    apiList: async (_req: Request, res: Response) => {
      const funds = await listFunds();
      res.json({ data: funds.map(toApi) });
    },

    apiShow: async (req: Request, res: Response) => {
      res.json({ data: toApi(await getFundBySlug(String(req.params.slug))) });
    },
  };
}

export function sendCsv(res: Response, filename: string, csv: string): void {
  res.type('text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}

/** The thank-you page's locals (also the slip form shown again with its message: slip.controller.ts). */
export async function thanksLocals(id: string): Promise<Record<string, unknown>> {
  const gift = await thanksView(id);
  const pledged = gift.status === 'pledged';
  const payload = pledged ? pledgePayload(foundationInfo(), gift.amountSatang, gift.reference) : undefined;
  return {
    gift,
    promptPayQr: payload ? await qrDataUrl(payload) : null,
    receiptUrl: gift.receiptReady ? receiptPath(id) : null,
    foundation: foundationInfo(),
    pledged,
    // The slip form posts back to the signed link, so a visitor's slip needs no account.
    slipAction: pledged ? thanksPath(id).replace('?', '/slip?') : null,
    waiting: gift.status === 'pending' || gift.status === 'processing',
  };
}
