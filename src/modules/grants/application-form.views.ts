/**
 * What the application form shows besides the saved text: which button was pressed, how many
 * rows each repeated group offers (as many as needed, one spare; "add a row" asks for one more),
 * which filled rows have a problem (blank spare rows are never checked), and the budget's
 * running total against the call's maximum, computed from the rows as typed (so it is right
 * without JavaScript too, after every save).
 */
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../shared/errors.js';
import { rowList } from '../../shared/http/form-fields.js';
import { parseInput } from '../../shared/http/validate.js';
import { parseBahtToSatang, parseWholeNumber } from '../../shared/money.js';
import { APPLICATION_ROWS, MAX_QUANTITY, type ApplicationRowGroup } from './grants.schemas.js';
import { budgetAgainstCap, type BudgetCheck } from './grant.rules.js';

export const ROW_GROUPS = Object.keys(APPLICATION_ROWS) as ApplicationRowGroup[];

/** The form's buttons: all of them save the draft first; then each does its own thing. */
export type Intent =
  | { kind: 'save' }
  | { kind: 'submit' }
  | { kind: 'upload' }
  | { kind: 'add'; group: ApplicationRowGroup }
  | { kind: 'remove'; fileId: string };

export function parseIntent(value: unknown): Intent {
  if (value === 'submit' || value === 'upload') return { kind: value };
  if (typeof value === 'string') {
    const add = /^add:([a-z]+)$/.exec(value)?.[1];
    if (add && (ROW_GROUPS as string[]).includes(add)) return { kind: 'add', group: add as ApplicationRowGroup };
    const fileId = /^remove:([a-f0-9]{24})$/.exec(value)?.[1];
    if (fileId) return { kind: 'remove', fileId };
  }
  return { kind: 'save' };
}

type Row = Record<string, unknown>;

/** The rows as posted or saved, in order; anything that is not a row object becomes a blank row. */
function postedRows(list: unknown): Row[] {
  const given = rowList(list);
  return Array.isArray(given) ? given.map((row) => (row && typeof row === 'object' ? (row as Row) : {})) : [];
}

const isBlank = (row: Row) =>
  Object.values(row).every((v) => v === undefined || (typeof v === 'string' && v.trim() === ''));

/**
 * The rows to show: those given, then blank ones up to `atLeast` rows and always one spare at the
 * end (the form works without JavaScript: a new line is typed into the spare row).
 */
export function formRows(list: unknown, group: ApplicationRowGroup, atLeast = 0): Row[] {
  const rows = postedRows(list);
  const max = APPLICATION_ROWS[group].max;
  while (rows.length > 0 && isBlank(rows[rows.length - 1] as Row) && rows.length > atLeast) rows.pop();
  const wanted = Math.min(max, Math.max(atLeast, rows.length + 1));
  while (rows.length < wanted) rows.push({});
  return rows;
}

/** How many rows "add a row" asks for: one more than the form showed, within the group's maximum. */
export function rowsAfterAdding(list: unknown, group: ApplicationRowGroup): number {
  return Math.min(APPLICATION_ROWS[group].max, postedRows(list).length + 1);
}

/** Row counts asked for in the address (`?budgetRows=5` after "add a row"), bounded. */
export function askedRowCounts(query: Record<string, unknown>): Partial<Record<ApplicationRowGroup, number>> {
  const out: Partial<Record<ApplicationRowGroup, number>> = {};
  for (const group of ROW_GROUPS) {
    const n = Number(query[`${group}Rows`]);
    if (Number.isInteger(n) && n > 0) out[group] = Math.min(n, APPLICATION_ROWS[group].max);
  }
  return out;
}

/**
 * Each row's problems by field (i18n keys), at the row's own position: filled rows only, each
 * checked with the same fields as the schema. A blank row has none.
 */
export function rowProblems(list: unknown, group: ApplicationRowGroup): (FieldErrors | null)[] {
  const schema = z.object(APPLICATION_ROWS[group].shape);
  return postedRows(list).map((row) => {
    if (isBlank(row)) return null;
    try {
      parseInput(schema, row);
      return null;
    } catch (error) {
      if (error instanceof ValidationError) return error.fields;
      throw error;
    }
  });
}

/** Rows with their problems attached, for the template (`problems.unitCost.key`). */
export function rowsWithProblems(rows: Row[], problems: (FieldErrors | null)[] | null): Row[] {
  return rows.map((row, i) => ({ ...row, problems: problems?.[i] ?? null }));
}

/** The budget total of the rows as typed (rows that cannot be read count nothing), against the cap. */
export function typedBudget(list: unknown, maxSatang: number): BudgetCheck {
  const lines = postedRows(list).flatMap((row) => {
    const quantity = parseWholeNumber(String(row.quantity ?? ''));
    const unitCostSatang = parseBahtToSatang(String(row.unitCost ?? ''));
    return quantity !== null && quantity > 0 && quantity <= MAX_QUANTITY && unitCostSatang !== null
      ? [{ quantity, unitCostSatang }]
      : [];
  });
  return budgetAgainstCap(lines, maxSatang);
}
