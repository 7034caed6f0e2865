/**
 * CSV that Excel opens correctly with Thai text: UTF-8 with a byte-order mark, CRLF line ends,
 * every field quoted when needed. Text starting with = + - @ (or a tab or carriage return) is
 * prefixed with ' so a name like "=HYPERLINK(…)" stays text (CSV injection); a cell that is a
 * plain number ("-1.00", -5) is left as it is, so a spreadsheet still reads it as a number.
 */
const BOM = '\uFEFF';

/** A plain decimal number: what a spreadsheet reads as a number and never as a formula. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return BOM + rows.map(csvLine).join('');
}

export const CSV_BOM = BOM;
