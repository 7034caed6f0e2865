/**
 * The bank statement pages (/admin/books/statements): import a statement, see its lines beside
 * the pledges they may be, and settle each line in one click. Handlers only read the form and
 * call the services (bank-statements.service.ts, statement-lines.service.ts).
 */
import type { Request, Response } from 'express';
import {
  assertLineOf,
  importStatement,
  listBankAccounts,
  listStatements,
  statementView,
} from './bank-statements.service.js';
import { confirmLinePledge, markLineNotAGift, recordLineAsGift, reopenLine } from './statement-lines.service.js';
import { confirmLineSchema, importSchema, listQuery, recordGiftSchema, statementQuery } from './statements.schemas.js';
import { uploadedText } from '../../shared/http/upload.js';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';

const LIST_VIEW = 'admin/statements';
const statementPath = (id: string) => `/admin/books/statements/${encodeURIComponent(id)}`;

async function listLocals(req: Request): Promise<Record<string, unknown>> {
  const { page } = parseInput(listQuery, req.query);
  const [statements, accounts] = await Promise.all([listStatements(req.user, page), listBankAccounts(req.user)]);
  return { statements, accounts };
}

/** Back to the statement the line was settled from, keeping the filter and page staff were on. */
function backToStatement(req: Request, res: Response): void {
  const query = parseInput(statementQuery, req.query);
  const params = new URLSearchParams({ show: query.show, page: String(query.page) });
  res.redirect(303, `${statementPath(String(req.params.id))}?${params.toString()}#line-${String(req.params.lineId)}`);
}

/**
 * A line's action: a refusal (an amount above the line's, a pledge someone else just confirmed)
 * comes back as a message at that line, since the page holds one small form per line.
 */
const lineAction =
  (action: (req: Request) => Promise<void>, done: string) =>
  async (req: Request, res: Response): Promise<void> => {
    // A line of another statement, or of none, is not found (404) whatever the form says.
    await assertLineOf(req.user, String(req.params.id), String(req.params.lineId));
    try {
      await action(req);
      flash(req, { type: 'success', key: done });
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
      const field = error instanceof ValidationError ? Object.values(error.fields)[0] : undefined;
      flash(req, {
        type: 'error',
        key: field?.key ?? error.messageKey,
        params: field?.params ?? error.params,
      });
    }
    backToStatement(req, res);
  };

export const statementsController = {
  list: async (req: Request, res: Response) => {
    res.render(LIST_VIEW, { ...(await listLocals(req)), values: { hasHeader: true } });
  },

  /** The import form again with its messages (a refused file, a layout with a missing column). */
  formAgain: async (req: Request, res: Response) => {
    res.locals.formView = LIST_VIEW;
    Object.assign(res.locals, await listLocals(req));
  },

  /** After the upload step read the file (size, text): the layout checked, the statement read and kept. */
  import: async (req: Request, res: Response) => {
    res.locals.formView = LIST_VIEW;
    Object.assign(res.locals, await listLocals(req));
    const input = parseInput(importSchema, req.body);
    const file = uploadedText(req);
    if (!file) throw new ValidationError({ statement: { key: 'statements.errors.noFile' } });
    const result = await importStatement(req.user, { ...input, filename: file.filename, text: file.text });
    flash(req, {
      type: 'success',
      key: result.newLineCount === 0 ? 'statements.importedNothingNew' : 'statements.imported',
      params: { lines: result.lineCount, new: result.newLineCount, problems: result.problemCount },
    });
    res.redirect(303, statementPath(result.statementId));
  },

  show: async (req: Request, res: Response) => {
    const { show, page } = parseInput(statementQuery, req.query);
    res.render('admin/statement', { statement: await statementView(req.user, String(req.params.id), show, page) });
  },

  confirm: lineAction(async (req) => {
    const { donationId, amountSatang } = parseInput(confirmLineSchema, req.body);
    await confirmLinePledge(req.user, String(req.params.lineId), donationId, amountSatang);
  }, 'statements.pledgeConfirmed'),

  recordGift: lineAction(async (req) => {
    const { donationId } = parseInput(recordGiftSchema, req.body);
    await recordLineAsGift(req.user, String(req.params.lineId), donationId);
  }, 'statements.giftRecorded'),

  notAGift: lineAction((req) => markLineNotAGift(req.user, String(req.params.lineId)), 'statements.setAside'),

  reopen: lineAction((req) => reopenLine(req.user, String(req.params.lineId)), 'statements.reopened'),
};
