/**
 * PromptPay IDs (pure): the identifier a Thai bank account is reachable by in PromptPay — a mobile
 * number (10 digits, 0…), a national or tax ID (13 digits, with its check digit) or an e-wallet ID
 * (15 digits) — and a biller ID for bill payment (a tax ID plus a two-digit suffix: 15 digits).
 */
import { isValidThaiId } from './thai-id.js';

export type PromptPayProxy = 'MSISDN' | 'NATID' | 'EWALLETID';

export interface PromptPayTarget {
  type: PromptPayProxy;
  /** Digits only. */
  target: string;
}

const digitsOf = (text: string): string => text.replace(/[\s-]/g, '');

/** The PromptPay ID `text` names, or null when it is none (spaces and dashes are allowed). */
export function parsePromptPayId(text: string): PromptPayTarget | null {
  const digits = digitsOf(text);
  if (/^0\d{9}$/.test(digits)) return { type: 'MSISDN', target: digits };
  if (/^\d{13}$/.test(digits)) return isValidThaiId(digits) ? { type: 'NATID', target: digits } : null;
  if (/^\d{15}$/.test(digits)) return { type: 'EWALLETID', target: digits };
  return null;
}

/** A bill-payment biller ID: a valid 13-digit tax ID and a two-digit suffix; digits only, or null. */
export function parseBillerId(text: string): string | null {
  const digits = digitsOf(text);
  return /^\d{15}$/.test(digits) && isValidThaiId(digits.slice(0, 13)) ? digits : null;
}
