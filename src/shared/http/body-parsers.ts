/**
 * The form body parsers (urlencoded here, multipart in upload.ts) and the one rule both apply to
 * every field name BEFORE any object or array is built: at most FORM_LIMITS.fields fields, at
 * most FORM_LIMITS.depth brackets, no array index above FORM_LIMITS.maxIndex.
 *
 * Why: `spending[300000000][line]=0` made the multipart parser build a 300-million-slot array and
 * the rows filter walk it (7 s with the event loop blocked, /healthz failing meanwhile). Our forms
 * have at most 50 rows of two-level names, so the bounds refuse nothing a page can send.
 */
import express, { type RequestHandler } from 'express';
import qs from 'qs';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';

export const FORM_LIMITS = {
  /**
   * Fields in one form body. The largest form, an application at every row maximum, sends about 360
   * (a unit test in grants holds it under this); past the bound the person would lose what was typed.
   */
  fields: 600,
  /** The largest array index a field name may carry (`budget[1000][item]`). */
  maxIndex: 1000,
  /** Bracket levels in one name (`budget[0][item]` has two). */
  depth: 5,
  /** Characters in one field name. */
  nameLength: 200,
  /** Bytes of a whole urlencoded body, and of one multipart text field. */
  bodyBytes: 100 * 1024,
} as const;

/** A row number past the bound: the one refusal people may meet by hand, so it says what the bound is. */
export const indexTooLarge = () => new BadRequestError('errors.formTooLarge', { max: FORM_LIMITS.maxIndex });
/** Too many fields: the same answer express.urlencoded gives past its parameter limit. */
export const tooManyFields = () => new PayloadTooLargeError();
/** Nesting deeper than any form: malformed, as the operator-key guard says of deep JSON. */
const tooDeep = () => new BadRequestError('errors.badRequest');

/**
 * Refuses a field name whose shape would make a parser build something large. Plain string work, nothing allocated per
 * index.
 */
export function checkFieldName(name: string): void {
  if (name.length > FORM_LIMITS.nameLength) throw tooDeep();
  const groups = name.match(/\[[^[\]]*\]/g) ?? [];
  if (groups.length > FORM_LIMITS.depth) throw tooDeep();
  for (const group of groups) {
    const inner = group.slice(1, -1);
    // Both parsers read any run of digits as an index (append-field even with leading zeros).
    if (/^\s*\d+\s*$/.test(inner) && (inner.trim().length > 4 || Number(inner) > FORM_LIMITS.maxIndex))
      throw indexTooLarge();
  }
}

/** Counts fields as a parser meets them and checks each name; one per request body. */
export class FieldGuard {
  private count = 0;
  accept(name: string): void {
    this.count += 1;
    if (this.count > FORM_LIMITS.fields) throw tooManyFields();
    checkFieldName(name);
  }
}

/** A key of an urlencoded body decoded as qs decodes it (`+` is a space; malformed escapes stay as they are). */
function decodeKey(raw: string): string {
  const spaced = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Checks the names of a raw urlencoded body (already bounded to FORM_LIMITS.bodyBytes). */
export function checkUrlencodedNames(body: string): void {
  const guard = new FieldGuard();
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    guard.accept(decodeKey(eq === -1 ? pair : pair.slice(0, eq)));
  }
}

/**
 * The same nesting as express.urlencoded({ extended: true }) gives, for name/value pairs that
 * FieldGuard already accepted (multipart fields): one shape of req.body whatever the encoding.
 */
export function buildFormBody(pairs: readonly [string, string][]): Record<string, unknown> {
  if (pairs.length === 0) return {};
  // URLSearchParams escapes `%` and brackets of the names exactly, so qs sees the names as sent.
  return qs.parse(new URLSearchParams(pairs as [string, string][]).toString(), {
    allowPrototypes: true,
    arrayLimit: Math.max(100, pairs.length),
    depth: FORM_LIMITS.depth,
    strictDepth: true,
    parameterLimit: FORM_LIMITS.fields,
  }) as Record<string, unknown>;
}

/**
 * express.urlencoded with the names checked on the raw bytes first (its `verify` hook runs before qs builds anything).
 */
export function urlencodedBody(): RequestHandler {
  return express.urlencoded({
    extended: true,
    limit: FORM_LIMITS.bodyBytes,
    parameterLimit: FORM_LIMITS.fields,
    // Names are ASCII structure (brackets, digits): latin1 reads them in any charset without throwing.
    verify: (_req, _res, buffer) => checkUrlencodedNames(buffer.toString('latin1')),
  });
}
