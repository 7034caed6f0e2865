/** Small helpers the grant controllers share: baht form values, spare form rows, page ranges and safe downloads. */
import type { Response } from 'express';
import { rowList } from '../../shared/http/form-fields.js';

/** Satang as the baht a form field shows ("1500", "12.50"), blank when there is none. */
export const bahtInput = (satang: number | undefined | null) => (typeof satang === 'number' ? (satang / 100).toFixed(2).replace(/\.00$/, '') : '');

/** Blank rows after the filled ones, so the form works without JavaScript. */
export function withSpareRows<T>(list: readonly T[] | undefined, spare: number, blank: T): T[] {
  // The values are what was posted: rows of any shape (an object, a string) re-render as blank rows.
  const given = rowList(list);
  return [...(Array.isArray(given) ? (given as T[]).filter((row) => typeof row === 'object' && row !== null) : []), ...Array.from({ length: spare }, () => blank)];
}

/** The whole numbers from min to max, for a rubric's score buttons. */
export function range(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}

/** Sends a stored file as a download: never rendered inline, never sniffed by the browser. */
export function sendFile(res: Response, file: { filename: string; contentType: string; content: Buffer }): void {
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Content-Security-Policy', "default-src 'none'; sandbox");
  res.type(file.contentType).attachment(file.filename).send(file.content);
}
