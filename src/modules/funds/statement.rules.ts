/**
 * Reading a bank statement exported as CSV, and matching its lines to pledges (pure). Thai banks
 * export in their own shapes, so staff say once per bank which column holds what (the mapping);
 * dates may be in the Buddhist era (01/12/2569) or Gregorian (2026-12-01), amounts may carry
 * thousands separators, a baht sign, or brackets for money out. Every line gets a fingerprint
 * from its own content and its position among identical lines, so importing the same statement
 * twice finds every line already there.
 */
import { createHash } from 'node:crypto';
import { BUDDHIST_ERA_OFFSET } from '../../shared/dates.js';

export interface StatementMapping {
  /** Columns are counted from 0. */
  date: number;
  description: number;
  /** One signed amount column, or separate columns for money in and money out. */
  amount?: number | undefined;
  credit?: number | undefined;
  debit?: number | undefined;
  balance?: number | undefined;
  /** The first row names the columns. */
  hasHeader: boolean;
}

export interface StatementLine {
  /** 1-based, as a spreadsheet shows it. */
  row: number;
  /** yyyy-mm-dd (Gregorian), as the bank dated it. */
  day: string;
  /** Money in is positive, money out negative. */
  amountSatang: number;
  description: string;
  balanceSatang: number | undefined;
  fingerprint: string;
}

export type LineProblem = { row: number; key: 'date' | 'amount' | 'columns' };

/** Splits CSV text into rows of cells (RFC 4180: quoted cells, doubled quotes, CRLF or LF). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i += 1) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A bank's date as yyyy-mm-dd: dd/mm/yyyy (Buddhist era when the year is past 2400), dd-mm-yyyy, yyyy-mm-dd. */
export function statementDay(text: string): string | null {
  const value = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  if (y > 2400) y -= BUDDHIST_ERA_OFFSET;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A bank's amount in satang: "1,250.50", "-500", "(500.00)" (out), "฿1,000", "1250.5 บาท"; null when it is none. */
export function statementSatang(text: string): number | null {
  let value = text
    .trim()
    .replace(/^฿\s*/, '')
    .replace(/\s*(บาท|THB)$/i, '')
    .trim();
  let sign = 1;
  const bracketed = /^\((.*)\)$/.exec(value);
  if (bracketed) {
    sign = -1;
    value = bracketed[1] ?? '';
  } else if (value.startsWith('-')) {
    sign = -1;
    value = value.slice(1);
  } else if (value.startsWith('+')) value = value.slice(1);
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(value)) return null;
  const [whole, fraction = ''] = value.replace(/,/g, '').split('.');
  const satang = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(satang) ? sign * satang : null;
}

function fingerprintOf(day: string, amountSatang: number, description: string, balance: number | undefined, n: number) {
  return createHash('sha256')
    .update([day, amountSatang, description.replace(/\s+/g, ' ').trim(), balance ?? '', n].join('|'))
    .digest('hex')
    .slice(0, 32);
}

/** The statement's lines and the rows that could not be read; empty rows are skipped. */
export function readStatement(
  text: string,
  mapping: StatementMapping,
): { lines: StatementLine[]; problems: LineProblem[] } {
  const rows = csvRows(text);
  const lines: StatementLine[] = [];
  const problems: LineProblem[] = [];
  const seen = new Map<string, number>();
  const needed = Math.max(
    mapping.date,
    mapping.description,
    mapping.amount ?? -1,
    mapping.credit ?? -1,
    mapping.debit ?? -1,
    mapping.balance ?? -1,
  );
  rows.forEach((cells, index) => {
    const row = index + 1;
    if (mapping.hasHeader && index === 0) return;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length <= needed) return problems.push({ row, key: 'columns' });
    const day = statementDay(cells[mapping.date] ?? '');
    if (!day) return problems.push({ row, key: 'date' });
    const amountSatang = amountOf(cells, mapping);
    if (amountSatang === null) return problems.push({ row, key: 'amount' });
    const description = (cells[mapping.description] ?? '').trim();
    const balanceText = mapping.balance === undefined ? '' : (cells[mapping.balance] ?? '');
    const balanceSatang = balanceText.trim() ? (statementSatang(balanceText) ?? undefined) : undefined;
    const base = [day, amountSatang, description, balanceSatang ?? ''].join('|');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    lines.push({
      row,
      day,
      amountSatang,
      description,
      balanceSatang,
      fingerprint: fingerprintOf(day, amountSatang, description, balanceSatang, n),
    });
    return undefined;
  });
  return { lines, problems };
}

function amountOf(cells: string[], mapping: StatementMapping): number | null {
  if (mapping.amount !== undefined) return statementSatang(cells[mapping.amount] ?? '');
  const read = (column: number | undefined) => {
    const text = column === undefined ? '' : (cells[column] ?? '').trim();
    return text === '' ? 0 : statementSatang(text);
  };
  const credit = read(mapping.credit);
  const debit = read(mapping.debit);
  if (credit === null || debit === null) return null;
  const amount = Math.abs(credit) - Math.abs(debit);
  return amount === 0 ? null : amount;
}

export interface PledgeToMatch {
  id: string;
  amountSatang: number;
  /** yyyy-mm-dd in Bangkok, when the pledge was made. */
  day: string;
  /** The gift code the donor was asked to write on the transfer. */
  reference: string;
  donorName: string;
}

export interface PledgeMatch {
  pledgeId: string;
  /** Why, strongest first: the reference in the description, the donor's name, the amount and date alone. */
  reason: 'reference' | 'name' | 'amount_and_date';
}

const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

const nameParts = (name: string) =>
  name
    .toLowerCase()
    .split(/[\s.,]+/)
    .filter((p) => p.length >= 3 && !['นาย', 'นาง', 'นางสาว', 'mr', 'mrs', 'ms'].includes(p));

/**
 * The pledges a line of money in may be, best first: the same amount, paid on the pledge's day or
 * within `windowDays` after it, and the reference or the donor's name in the description ranked
 * above a match by amount and date alone.
 */
export function matchPledges(
  line: StatementLine,
  pledges: readonly PledgeToMatch[],
  windowDays: number,
): PledgeMatch[] {
  if (line.amountSatang <= 0) return [];
  const text = line.description.toLowerCase();
  const rank = { reference: 0, name: 1, amount_and_date: 2 } as const;
  return pledges
    .filter((p) => p.amountSatang === line.amountSatang)
    .filter((p) => {
      const days = daysBetween(p.day, line.day);
      return days >= 0 && days <= windowDays;
    })
    .map((p): PledgeMatch & { days: number } => {
      const reason = text.includes(p.reference.toLowerCase())
        ? 'reference'
        : nameParts(p.donorName).some((part) => text.includes(part))
          ? 'name'
          : 'amount_and_date';
      return { pledgeId: p.id, reason, days: daysBetween(p.day, line.day) };
    })
    .sort((a, b) => rank[a.reason] - rank[b.reason] || a.days - b.days)
    .map(({ pledgeId, reason }) => ({ pledgeId, reason }));
}

/**
 * When the money of a line arrived, as a moment: noon in Bangkok of the bank's day (the same
 * calendar day whatever the server's zone), or `now` for a line of today read before noon, so
 * money is never dated in the future.
 */
export function receivedAtOf(day: string, now: Date): Date {
  const noon = new Date(`${day}T12:00:00+07:00`);
  return noon > now ? now : noon;
}
