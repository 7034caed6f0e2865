/**
 * The accountant's pages: the trial balance (to the end of any month), the general ledger as a
 * CSV for Excel, and closing a month. The journal is the accounting module's; this module gives
 * the funds their names.
 */
import type { Request, Response } from 'express';
import {
  ACCOUNTS,
  MAX_EXPORT_MONTHS,
  closeMonth,
  closedMonths,
  closedThrough,
  firstBookedMonth,
  generalLedger,
  trialBalance,
  type LedgerRow,
} from '../accounting/index.js';
import { fundNamesById } from './fund-lookup.service.js';
import { closeMonthSchema, ledgerExportQuery, payoutsQuery, trialBalanceQuery } from './books.schemas.js';
import { getPayout, listPayouts } from './payouts.service.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { form } from '../../shared/http/forms.js';
import { CSV_BOM, csvLine } from '../../shared/csv.js';
import { bangkokDay, bangkokMonth } from '../../shared/dates.js';
import { satangToDecimal } from '../../shared/money.js';
import { translate, type Locale } from '../../shared/i18n/index.js';

/** The months staff may pick: the last two years, newest first. */
function recentMonths(now = new Date(), count = 24): string[] {
  const months: string[] = [];
  let [year, month] = bangkokMonth(now).split('-').map(Number) as [number, number];
  for (let i = 0; i < count; i++) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return months;
}

async function pageData(req: Request) {
  const query = parseInput(trialBalanceQuery, req.query);
  const [balance, names, closed, through, first] = await Promise.all([
    trialBalance(req.user, query.through),
    fundNamesById(),
    closedMonths(),
    closedThrough(),
    firstBookedMonth(),
  ]);
  const months = recentMonths();
  const thisMonth = bangkokMonth(new Date());
  // Months that have ended and are still open, oldest first (the next one to close leads), from the
  // first month with entries; with none yet, only last month.
  const closable = months
    .filter((m) => m < thisMonth && (!through || m > through) && (first ? m >= first : m === months[1]))
    .reverse();
  return {
    balance: {
      ...balance,
      lines: balance.lines.map((l) => ({
        ...l,
        name: ACCOUNTS[l.account].name,
        fundName: l.fundId ? names.get(l.fundId)?.name : undefined,
      })),
    },
    closed,
    closedThrough: through,
    closable,
    months,
    thisMonth: months[0],
    maxExportMonths: MAX_EXPORT_MONTHS,
  };
}

const HEADER_KEYS = ['date', 'entry', 'kind', 'code', 'account', 'fund', 'ref', 'memo', 'debit', 'credit'];

function csvRow(row: LedgerRow, names: Map<string, { name: { th: string; en: string } }>, locale: Locale): string {
  const fund = row.fundId ? (names.get(row.fundId)?.name[locale] ?? row.fundId) : '';
  return csvLine([
    bangkokDay(row.occurredAt),
    row.entryId,
    translate(locale, `accounting.kinds.${row.kind}`),
    row.code,
    ACCOUNTS[row.account].name[locale],
    fund,
    row.ref,
    row.memo,
    row.debitSatang ? satangToDecimal(row.debitSatang) : '',
    row.creditSatang ? satangToDecimal(row.creditSatang) : '',
  ]);
}

export const booksController = {
  show: async (req: Request, res: Response) => {
    res.render('admin/books', await pageData(req));
  },

  exportLedger: async (req: Request, res: Response) => {
    const { from, to } = parseInput(ledgerExportQuery, req.query);
    const locale = (res.locals.locale ?? 'th') as Locale;
    const rows = generalLedger(req.user, from, to);
    // The first row is read before anything is sent: a refused range is an error page, not half a file.
    const first = await rows.next();
    const names = await fundNamesById();
    res.type('text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="general-ledger-${from}-to-${to}.csv"`);
    res.write(CSV_BOM + csvLine(HEADER_KEYS.map((k) => translate(locale, `accounting.csv.${k}`))));
    if (!first.done) res.write(csvRow(first.value, names, locale));
    for await (const row of rows) res.write(csvRow(row, names, locale));
    res.end();
  },

  payouts: async (req: Request, res: Response) => {
    const { page } = parseInput(payoutsQuery, req.query);
    res.render('admin/payouts', { page: await listPayouts(req.user, page) });
  },

  payout: async (req: Request, res: Response) => {
    res.render('admin/payout', { payout: await getPayout(req.user, String(req.params.id)) });
  },

  close: form('admin/books', async (req: Request, res: Response) => {
    Object.assign(res.locals, await pageData(req));
    const { month } = parseInput(closeMonthSchema, req.body);
    // The schema also asks for the box saying a closed month cannot be reopened.
    const closed = await closeMonth(req.user, month);
    flash(req, { type: 'success', key: closed ? 'accounting.monthClosedNow' : 'accounting.monthClosedBefore' });
    res.redirect(303, '/admin/books');
  }),
};
