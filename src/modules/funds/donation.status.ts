/**
 * The life of one gift (a Donation), declared once as data like the grant application's workflow.
 * `setDonationStatus` in donation.service.ts is the only writer of a gift's status and checks every
 * change against this table. Webhooks arrive in any order, so a move the table does not list (a
 * late "processing" for a paid gift) is ignored by the callers, never forced.
 */
import type { Transition, Workflow } from '../../shared/workflow.js';

export const DONATION_STATUSES = [
  /** Promised without online payment (no payment provider configured): waiting for a transfer. */
  'pledged',
  /** Sent to Checkout (or being recorded by staff); nothing is confirmed until the money is. */
  'pending',
  /** Checkout finished, an asynchronous payment (PromptPay) is still on its way. */
  'processing',
  /** Confirmed: in the ledger, with a receipt. */
  'paid',
  /** Some of it was returned to the donor. */
  'partially_refunded',
  /** All of it was returned to the donor. */
  'refunded',
  /** The asynchronous payment failed. */
  'failed',
  /** The donor left Checkout, or a pledge was never paid. */
  'expired',
] as const;
export type DonationStatus = (typeof DONATION_STATUSES)[number];

/**
 * Who moves a gift: `provider` is the payment provider's word (a webhook, the reconciliation job,
 * a month's invoice); `staff` is a person recording money by hand (offline gifts, pledges
 * received, refunds made outside Stripe).
 */
export const DONATION_MOVERS = ['provider', 'staff'] as const;
export type DonationMover = (typeof DONATION_MOVERS)[number];

export const DONATION_ACTIONS = [
  'start_processing',
  'confirm',
  'receive_pledge',
  'credit_late',
  'fail',
  'expire',
  'refund_part',
  'refund_all',
  'reverse_refund',
] as const;
export type DonationAction = (typeof DONATION_ACTIONS)[number];

export interface DonationTransition extends Transition<DonationStatus, DonationMover, DonationAction> {
  /**
   * Taken only because money is a fact: the provider confirmed a payment for a gift we had given
   * up on. It is credited (and logged as a warning), but it is not an ordinary move (`canMove`).
   */
  late?: true;
}

const CONFIRMED = ['paid', 'partially_refunded', 'refunded'] as const satisfies readonly DonationStatus[];

/** The table with the gift's own kind of transition (`late`). */
export interface DonationWorkflow extends Workflow<DonationStatus, DonationMover, DonationAction> {
  transitions: readonly DonationTransition[];
}

export const donationWorkflow: DonationWorkflow = {
  states: DONATION_STATUSES,
  // Online gifts start pending (Checkout), pledges pledged; offline gifts are recorded pending and confirmed at once.
  initial: ['pledged', 'pending'],
  transitions: [
    // Checkout completed but unpaid: PromptPay's QR code was shown, the transfer is on its way.
    { action: 'start_processing', from: ['pending'], to: 'processing', roles: ['provider'] },
    // The provider confirms the payment; staff confirm an offline gift as they record it.
    { action: 'confirm', from: ['pending', 'processing'], to: 'paid', roles: ['provider', 'staff'] },
    // The bank transfer a donor promised arrived.
    { action: 'receive_pledge', from: ['pledged'], to: 'paid', roles: ['staff'] },
    { action: 'credit_late', from: ['pledged', 'failed', 'expired'], to: 'paid', roles: ['provider'], late: true },
    { action: 'fail', from: ['pending', 'processing'], to: 'failed', roles: ['provider'] },
    { action: 'expire', from: ['pledged', 'pending', 'processing'], to: 'expired', roles: ['provider'] },
    // Refund states follow the money returned (statusAfterRefunds); a failed or cancelled refund
    // brings a gift back, which only the provider reports.
    { action: 'refund_part', from: CONFIRMED, to: 'partially_refunded', roles: ['provider', 'staff'] },
    { action: 'refund_all', from: ['paid', 'partially_refunded'], to: 'refunded', roles: ['provider', 'staff'] },
    { action: 'reverse_refund', from: ['partially_refunded', 'refunded'], to: 'paid', roles: ['provider'] },
  ],
};

/** The move from `from` to `to` that `by` may make, or undefined when the table has none. */
export function donationMove(
  from: DonationStatus,
  to: DonationStatus,
  by: DonationMover,
): DonationTransition | undefined {
  return donationWorkflow.transitions.find((t) => t.from.includes(from) && t.to === to && t.roles.includes(by));
}

/** Whether `to` may ordinarily follow `from` (staying put always may); late credits are not ordinary. */
export function canMove(from: DonationStatus, to: DonationStatus): boolean {
  return from === to || donationWorkflow.transitions.some((t) => !t.late && t.from.includes(from) && t.to === to);
}

/** Money has been confirmed at some point (it may have been refunded since). */
export function isConfirmed(status: DonationStatus): boolean {
  return (CONFIRMED as readonly DonationStatus[]).includes(status);
}
