/**
 * The Revenue Department's e-Donation, as rules (pure). A gift is reported when its donor gave a
 * valid 13-digit ID (a person's or a company's) and consented; its life is data like the gift's own:
 * to report → reported (in a batch, on a date, by someone) → confirmed, or reported by the bank
 * (a bank's e-Donation QR sent it already: keying it in again would count it twice). A reported
 * gift later changed (a refund) goes back to "to report" as a correction, into a new batch.
 */
import { isValidThaiId } from '../../shared/thai-id.js';
import { BUDDHIST_ERA_OFFSET, bangkokDay } from '../../shared/dates.js';
import { satangToDecimal } from '../../shared/money.js';

export const EDONATION_STATUSES = ['to_report', 'reported', 'confirmed', 'reported_by_bank'] as const;
export type EDonationStatus = (typeof EDONATION_STATUSES)[number];

export const BATCH_STATUSES = ['prepared', 'reported', 'confirmed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** Who may move a gift's e-Donation status, from where, to where. */
export const EDONATION_MOVES = {
  report: { from: ['to_report'], to: 'reported' },
  confirm: { from: ['reported'], to: 'confirmed' },
  reported_by_bank: { from: ['to_report'], to: 'reported_by_bank' },
  correct: { from: ['reported', 'confirmed'], to: 'to_report' },
} as const satisfies Record<string, { from: readonly EDonationStatus[]; to: EDonationStatus }>;
export type EDonationMove = keyof typeof EDONATION_MOVES;

export function canMoveEDonation(move: EDonationMove, from: EDonationStatus | undefined): boolean {
  return from !== undefined && (EDONATION_MOVES[move].from as readonly string[]).includes(from);
}

/** Whether a gift's tax details make it one to report: consent and a valid 13-digit ID. */
export function isReportable(tax: { taxId?: string | null; eDonationConsent?: boolean | null } | null | undefined) {
  return tax?.eDonationConsent === true && typeof tax.taxId === 'string' && isValidThaiId(tax.taxId);
}

/** Thai juristic persons' tax IDs begin with 0; a person's ID card number never does. */
export function donorKind(taxId: string): 'person' | 'company' {
  return taxId.startsWith('0') ? 'company' : 'person';
}

/** What is reported for a gift: what was given less what was returned. */
export function reportedSatang(amountSatang: number, refundedSatang: number): number {
  return Math.max(amountSatang - refundedSatang, 0);
}

export interface BatchLine {
  taxId: string;
  name: string;
  amountSatang: number;
  paidAt: Date;
  receiptNumber: string;
  correction: boolean;
}

/** A date as the Revenue Department's forms ask for it: dd/mm/yyyy in the Buddhist era. */
export function thaiFormDate(date: Date): string {
  const [y, m, d] = bangkokDay(date).split('-');
  return `${d}/${m}/${Number(y) + BUDDHIST_ERA_OFFSET}`;
}

/**
 * A batch as rows for the export, in the order the e-Donation system's key-in screen asks:
 * number, donor's ID, person or company, name, date of the gift, kind (money), amount or value,
 * the asset's description (none for money), the receipt number, and whether it corrects an
 * earlier report. `words` gives the header and the cell words in the staff member's language.
 */
export function batchRows(lines: readonly BatchLine[], words: (key: string) => string): string[][] {
  const header = [
    'number',
    'taxId',
    'donorKind',
    'name',
    'date',
    'kind',
    'amount',
    'asset',
    'receiptNumber',
    'correction',
  ].map((key) => words(`columns.${key}`));
  return [
    header,
    ...lines.map((line, index) => [
      String(index + 1),
      line.taxId,
      words(`donorKinds.${donorKind(line.taxId)}`),
      line.name,
      thaiFormDate(line.paidAt),
      words('kinds.money'),
      satangToDecimal(line.amountSatang),
      '',
      line.receiptNumber,
      words(line.correction ? 'yes' : 'no'),
    ]),
  ];
}

export const MULTIPLIERS = [1, 2] as const;
export type Multiplier = (typeof MULTIPLIERS)[number];

export interface Deduction {
  multiplier: Multiplier;
  basis: { th: string; en: string };
}

/** A campaign's own deduction when it sets one, else its fund's, else 1× on the general basis. */
export function deductionFor(
  fund: Partial<Deduction> | null | undefined,
  campaign: Partial<Deduction> | null | undefined,
  generalBasis: { th: string; en: string },
): Deduction {
  const pick = (d: Partial<Deduction> | null | undefined) =>
    d && (d.multiplier === 1 || d.multiplier === 2) ? d : undefined;
  const chosen = pick(campaign) ?? pick(fund);
  if (!chosen) return { multiplier: 1, basis: generalBasis };
  const basis = chosen.basis?.th ? { th: chosen.basis.th, en: chosen.basis.en || chosen.basis.th } : generalBasis;
  return { multiplier: chosen.multiplier as Multiplier, basis };
}

/**
 * A refund changes what was given. A gift already reported goes back to the queue to be corrected
 * (out of its batch, which stays as it was sent). One in a batch prepared but not sent leaves that
 * batch (its file is stale: the page says so) and waits again, or leaves the queue when nothing of
 * it is left; so does one not yet in a batch. Undefined when nothing changes.
 */
export function eDonationAfterRefund(gift: {
  status: EDonationStatus | undefined;
  inBatch: boolean;
  correction: boolean;
  leftSatang: number;
}): { status: EDonationStatus | undefined; correction: boolean; leaveBatch: boolean } | undefined {
  if (gift.status === 'reported' || gift.status === 'confirmed')
    return { status: 'to_report', correction: true, leaveBatch: true };
  if (gift.status !== 'to_report') return undefined;
  if (gift.leftSatang === 0 && !gift.correction) return { status: undefined, correction: false, leaveBatch: true };
  return gift.inBatch ? { status: 'to_report', correction: gift.correction, leaveBatch: true } : undefined;
}
