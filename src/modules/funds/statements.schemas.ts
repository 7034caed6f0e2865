/**
 * Input shapes of the bank statement pages: the import form (a saved account, or a new account's
 * column layout with columns as a spreadsheet names them, A, B, C… or 1, 2, 3…) and the line actions.
 */
import { z } from 'zod';
import { baht, checkbox, text } from '../../shared/http/form-fields.js';
import { LINE_FILTERS } from './bank-statements.service.js';
import type { StatementMapping } from './statement.rules.js';

const MAX_COLUMN = 50;

/** "A" → 0, "AB" → 27, "3" → 2; null when it is no column (or past the 50th). */
export function columnIndex(value: string): number | null {
  const v = value.trim().toUpperCase();
  let index: number;
  if (/^\d{1,2}$/.test(v)) index = Number(v) - 1;
  else if (/^[A-Z]{1,2}$/.test(v)) index = [...v].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  else return null;
  return index >= 0 && index < MAX_COLUMN ? index : null;
}

const column = text(3);
const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'validation.choice');

export const importSchema = z
  .object({
    bankAccountId: z.union([objectId, z.literal('')]).optional(),
    accountName: text(100).optional(),
    dateColumn: column.optional(),
    descriptionColumn: column.optional(),
    amountColumn: column.optional(),
    creditColumn: column.optional(),
    debitColumn: column.optional(),
    balanceColumn: column.optional(),
    hasHeader: checkbox,
  })
  .transform((value, ctx) => {
    if (value.bankAccountId) return { bankAccountId: value.bankAccountId, newAccount: undefined };
    const read = (field: keyof typeof value, required: boolean): number | undefined => {
      const raw = String(value[field] ?? '').trim();
      if (!raw) {
        if (required) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.required' });
        return undefined;
      }
      const index = columnIndex(raw);
      if (index === null) ctx.addIssue({ code: 'custom', path: [field], message: 'statements.errors.column' });
      return index ?? undefined;
    };
    if (!value.accountName)
      ctx.addIssue({ code: 'custom', path: ['accountName'], message: 'statements.errors.accountName' });
    const mapping: StatementMapping = {
      date: read('dateColumn', true) ?? 0,
      description: read('descriptionColumn', true) ?? 0,
      amount: read('amountColumn', false),
      credit: read('creditColumn', false),
      debit: read('debitColumn', false),
      balance: read('balanceColumn', false),
      hasHeader: value.hasHeader,
    };
    if (mapping.amount === undefined && mapping.credit === undefined && !value.amountColumn && !value.creditColumn)
      ctx.addIssue({ code: 'custom', path: ['amountColumn'], message: 'statements.errors.amountColumn' });
    return { bankAccountId: undefined, newAccount: { name: value.accountName ?? '', mapping } };
  });

export const statementQuery = z.object({
  show: z.enum(LINE_FILTERS).catch('open'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const listQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export const confirmLineSchema = z
  .object({ donationId: objectId, amount: baht })
  .transform(({ amount, donationId }) => ({ donationId, amountSatang: amount }));

export const recordGiftSchema = z.object({ donationId: objectId });
