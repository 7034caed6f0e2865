/** Public pages of the giving menu, and the open-data JSON API of funds. */
import type { Request, Response } from 'express';
import { getFundBySlug, listFunds, type FundView } from './fund.service.js';

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
    grantedSatang: fund.grantedSatang,
    committedSatang: fund.committedSatang,
    availableSatang: fund.availableSatang,
  };
}

export const fundsController = {
  home: async (_req: Request, res: Response) => {
    const funds = await listFunds();
    res.render('home', {
      subFunds: funds.filter((f) => f.kind === 'sub_fund'),
      endowment: funds.find((f) => f.kind === 'endowment'),
    });
  },

  show: async (req: Request, res: Response) => {
    const fund = await getFundBySlug(String(req.params.slug));
    res.render('funds/show', { fund });
  },

  apiList: async (_req: Request, res: Response) => {
    const funds = await listFunds();
    res.json({ data: funds.map(toApi) });
  },

  apiShow: async (req: Request, res: Response) => {
    res.json({ data: toApi(await getFundBySlug(String(req.params.slug))) });
  },
};
