/**
 * Bank statements: staff import an account's statement (a CSV in the column layout saved for
 * that account), and each line of money in is shown beside the pledges it may be. Importing
 * books nothing: money enters the journal only when staff confirm a line (statement-lines.service.ts).
 * Lines are keyed by account and fingerprint (statement.rules.ts), so a statement imported twice,
 * or two overlapping statements, keep each line once and say how many were new.
 */
import mongoose from 'mongoose';
import { BankAccount, BankStatement, StatementLine, type LineStatus } from './bank-statement.model.js';
import { readStatement, type StatementMapping } from './statement.rules.js';
import { candidatesFor, type LineCandidate } from './statement-candidates.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { NotFoundError, ValidationError, isDuplicateKeyError } from '../../shared/errors.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';
import { logger } from '../../shared/logger.js';
import { satangToDecimal } from '../../shared/money.js';

const log = logger.child({ module: 'bank-statements' });

/** What one import may hold: months of a busy account (a line is about 100 bytes). */
export const MAX_STATEMENT_LINES = 5_000;
export const MAX_STATEMENT_BYTES = 2 * 1024 * 1024;
/** Unreadable rows kept to name on the page (the count is kept whole). */
const PROBLEMS_KEPT = 20;
const LINES_PER_PAGE = 50;
/** Pledges offered per line, best first: more are never a real choice. */
const CANDIDATES_SHOWN = 5;

export interface BankAccountView {
  id: string;
  name: string;
  mapping: StatementMapping;
}

export interface ImportInput {
  /** A saved account, or a new (or changed) layout under an account's name. */
  bankAccountId?: string | undefined;
  newAccount?: { name: string; mapping: StatementMapping } | undefined;
  filename: string;
  text: string;
}

export interface ImportResult {
  statementId: string;
  lineCount: number;
  newLineCount: number;
  problemCount: number;
}

const mappingOf = (m: Record<string, unknown>): StatementMapping => ({
  date: Number(m.date),
  description: Number(m.description),
  amount: typeof m.amount === 'number' ? m.amount : undefined,
  credit: typeof m.credit === 'number' ? m.credit : undefined,
  debit: typeof m.debit === 'number' ? m.debit : undefined,
  balance: typeof m.balance === 'number' ? m.balance : undefined,
  hasHeader: m.hasHeader !== false,
});

export async function listBankAccounts(actor: Actor): Promise<BankAccountView[]> {
  assertRole(actor, 'staff', 'admin');
  const accounts = await BankAccount.find({}).sort({ name: 1 }).limit(100).lean();
  return accounts.map((a) => ({ id: String(a._id), name: a.name, mapping: mappingOf(a.mapping ?? {}) }));
}

/** The account a statement belongs to: the saved one, or the named one saved (or its layout replaced). */
async function accountFor(input: ImportInput): Promise<{ id: mongoose.Types.ObjectId; mapping: StatementMapping }> {
  if (input.newAccount) {
    const { name, mapping } = input.newAccount;
    const nameKey = name.trim().toLowerCase();
    const set = { name: name.trim(), nameKey, mapping };
    const options = { upsert: true, returnDocument: 'after' } as const;
    const save = () => BankAccount.findOneAndUpdate({ nameKey }, { $set: set }, options).lean();
    // Two staff saving the same new account at once: the second finds the first's.
    const account = await save().catch((error: unknown) => {
      if (isDuplicateKeyError(error)) return save();
      throw error;
    });
    if (!account) throw new NotFoundError('statements.accountNotFound');
    return { id: account._id, mapping };
  }
  if (!input.bankAccountId || !mongoose.isValidObjectId(input.bankAccountId))
    throw new ValidationError({ bankAccountId: { key: 'statements.errors.account' } });
  const account = await BankAccount.findById(input.bankAccountId).lean();
  if (!account) throw new ValidationError({ bankAccountId: { key: 'statements.errors.account' } });
  return { id: account._id, mapping: mappingOf(account.mapping ?? {}) };
}

/** Reads the statement, keeps its new lines; nothing is booked. A statement with no readable line is refused. */
export async function importStatement(actor: Actor, input: ImportInput): Promise<ImportResult> {
  assertRole(actor, 'staff', 'admin');
  const importedBy = new mongoose.Types.ObjectId(actor?.id);
  // The file is read before the account is saved: a refused statement changes nothing.
  const mappingToRead = input.newAccount?.mapping;
  const account = mappingToRead ? undefined : await accountFor(input);
  const mapping = mappingToRead ?? (account as { mapping: StatementMapping }).mapping;
  const { lines, problems } = readStatement(input.text, mapping);
  if (lines.length === 0) {
    const first = problems[0];
    throw new ValidationError({
      statement: first
        ? { key: `statements.errors.${first.key}`, params: { row: first.row } }
        : { key: 'statements.errors.empty' },
    });
  }
  if (lines.length > MAX_STATEMENT_LINES)
    throw new ValidationError({
      statement: { key: 'statements.errors.tooManyLines', params: { max: MAX_STATEMENT_LINES } },
    });
  const { id: bankAccountId } = account ?? (await accountFor(input));
  const days = lines.map((l) => l.day).sort();
  const statement = await BankStatement.create({
    bankAccountId,
    filename: input.filename || 'statement.csv',
    importedBy,
    lineCount: lines.length,
    newLineCount: 0,
    fromDay: days[0],
    toDay: days[days.length - 1],
    problems: problems.slice(0, PROBLEMS_KEPT),
    problemCount: problems.length,
  });
  const docs = lines.map((l) => ({
    lineKey: `${String(bankAccountId)}:${l.fingerprint}`,
    statementId: statement._id,
    bankAccountId,
    row: l.row,
    day: l.day,
    amountSatang: l.amountSatang,
    description: l.description.slice(0, 500),
    balanceSatang: l.balanceSatang,
    status: (l.amountSatang > 0 ? 'open' : 'money_out') satisfies LineStatus,
  }));
  const newLineCount = await insertNew(docs);
  await BankStatement.updateOne({ _id: statement._id }, { $set: { newLineCount } });
  log.info({ statementId: String(statement._id), lines: lines.length, newLineCount }, 'bank statement imported');
  return { statementId: String(statement._id), lineCount: lines.length, newLineCount, problemCount: problems.length };
}

/** Inserts the lines not kept before (known keys are skipped; a key another import just took is too). */
async function insertNew(docs: { lineKey: string }[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += 500) {
    const batch = docs.slice(i, i + 500);
    const known = new Set(
      (await StatementLine.find({ lineKey: { $in: batch.map((d) => d.lineKey) } }, { lineKey: 1 }).lean()).map(
        (l) => l.lineKey,
      ),
    );
    for (const doc of batch.filter((d) => !known.has(d.lineKey))) {
      try {
        await StatementLine.create(doc);
        inserted += 1;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }
  return inserted;
}

export interface StatementSummary {
  id: string;
  filename: string;
  accountName: string;
  importedAt: Date;
  lineCount: number;
  newLineCount: number;
  fromDay?: string | undefined;
  toDay?: string | undefined;
}

export async function listStatements(actor: Actor, page: number): Promise<Page<StatementSummary>> {
  assertRole(actor, 'staff', 'admin');
  const { skip, limit } = pageWindow(page, 20);
  const [docs, total, accounts] = await Promise.all([
    BankStatement.find({}).sort({ createdAt: -1 }).skip(skip).limit(limit).lean(),
    BankStatement.countDocuments({}),
    BankAccount.find({}, { name: 1 }).lean(),
  ]);
  const names = new Map(accounts.map((a) => [String(a._id), a.name]));
  const items = docs.map((s) => ({
    id: String(s._id),
    filename: s.filename,
    accountName: names.get(String(s.bankAccountId)) ?? '',
    importedAt: s.createdAt as Date,
    lineCount: s.lineCount,
    newLineCount: s.newLineCount,
    fromDay: s.fromDay ?? undefined,
    toDay: s.toDay ?? undefined,
  }));
  return buildPage(items, total, page, 20);
}

export interface LineView {
  id: string;
  row: number;
  day: string;
  amountSatang: number;
  /** The amount as the confirm form's field starts ("1250.00"). */
  amountText: string;
  description: string;
  status: LineStatus;
  donationId?: string | undefined;
  /** Waiting pledges it may pay (confirmed from it), and lapsed ones (recorded as a new gift). */
  waiting: LineCandidate[];
  lapsed: LineCandidate[];
}

export const LINE_FILTERS = ['open', 'settled', 'all'] as const;
export type LineFilter = (typeof LINE_FILTERS)[number];

const FILTER_STATUSES: Record<LineFilter, LineStatus[] | undefined> = {
  open: ['open'],
  settled: ['pledge_confirmed', 'gift_recorded', 'not_a_gift', 'money_out'],
  all: undefined,
};

/** One statement with a page of its lines; each open line with the pledges it may be, best first. */
export async function statementView(actor: Actor, statementId: string, filter: LineFilter, page: number) {
  assertRole(actor, 'staff', 'admin');
  if (!mongoose.isValidObjectId(statementId)) throw new NotFoundError('statements.notFound');
  const statement = await BankStatement.findById(statementId).lean();
  if (!statement) throw new NotFoundError('statements.notFound');
  const statuses = FILTER_STATUSES[filter];
  const query = { statementId: statement._id, ...(statuses ? { status: { $in: statuses } } : {}) };
  const { skip, limit } = pageWindow(page, LINES_PER_PAGE);
  const [lines, total, openCount, account] = await Promise.all([
    StatementLine.find(query).sort({ row: 1 }).skip(skip).limit(limit).lean(),
    StatementLine.countDocuments(query),
    StatementLine.countDocuments({ statementId: statement._id, status: 'open' }),
    BankAccount.findById(statement.bankAccountId, { name: 1 }).lean(),
  ]);
  const candidates = await candidatesFor(lines.filter((l) => l.status === 'open'));
  const items: LineView[] = lines.map((l) => {
    const found = (candidates.get(String(l._id)) ?? []).slice(0, CANDIDATES_SHOWN);
    return {
      id: String(l._id),
      row: l.row,
      day: l.day,
      amountSatang: l.amountSatang,
      amountText: satangToDecimal(Math.abs(l.amountSatang)),
      description: l.description ?? '',
      status: l.status as LineStatus,
      donationId: l.donationId ? String(l.donationId) : undefined,
      waiting: found.filter((c) => !c.lapsed),
      lapsed: found.filter((c) => c.lapsed),
    };
  });
  return {
    id: String(statement._id),
    filename: statement.filename,
    accountName: account?.name ?? '',
    importedAt: statement.createdAt as Date,
    lineCount: statement.lineCount,
    newLineCount: statement.newLineCount,
    problems: statement.problems.map((p) => ({ row: Number(p.row), key: String(p.key) })),
    problemCount: statement.problemCount ?? 0,
    openCount,
    filter,
    filters: LINE_FILTERS.map((key) => ({ key, current: key === filter })),
    lines: buildPage(items, total, page, LINES_PER_PAGE),
  };
}

/** The line is one of this statement's (before a line action reads its form): otherwise "not found". */
export async function assertLineOf(actor: Actor, statementId: string, lineId: string): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  const found =
    mongoose.isValidObjectId(statementId) &&
    mongoose.isValidObjectId(lineId) &&
    (await StatementLine.exists({ _id: lineId, statementId })) !== null;
  if (!found) throw new NotFoundError('statements.lineNotFound');
}
