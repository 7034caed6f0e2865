/**
 * The life of a monthly gift (a RecurringGift), declared once as data. `setRecurringGiftStatus` in
 * recurring-gift.service.ts is the only writer of its status. Nearly all news of a monthly gift
 * comes from the payment provider, in any order: a move this table lacks is late news and
 * changes nothing (a cancelled gift stays cancelled whatever invoice arrives after).
 */
import type { Transition, Workflow } from '../../shared/workflow.js';

export const RECURRING_GIFT_STATUSES = [
  /** Sent to Checkout, not yet set up. */
  'pending',
  'active',
  /** The last month's payment failed; Stripe retries. */
  'past_due',
  'cancelled',
  /** The donor never finished Checkout. */
  'expired',
] as const;
export type RecurringGiftStatus = (typeof RECURRING_GIFT_STATUSES)[number];

/** `provider`: the payment provider's word (webhook, reconciliation); `donor`: the giver, from their account page. */
export const RECURRING_GIFT_MOVERS = ['provider', 'donor'] as const;
export type RecurringGiftMover = (typeof RECURRING_GIFT_MOVERS)[number];

export const RECURRING_GIFT_ACTIONS = ['activate', 'fall_behind', 'cancel', 'close_expired', 'expire'] as const;
export type RecurringGiftAction = (typeof RECURRING_GIFT_ACTIONS)[number];

export const recurringGiftWorkflow: Workflow<RecurringGiftStatus, RecurringGiftMover, RecurringGiftAction> = {
  states: RECURRING_GIFT_STATUSES,
  initial: ['pending'],
  transitions: [
    // Checkout finished (the subscription is set up), or a month was paid (again, after a failure).
    { action: 'activate', from: ['pending', 'past_due'], to: 'active', roles: ['provider'] },
    { action: 'fall_behind', from: ['pending', 'active'], to: 'past_due', roles: ['provider'] },
    // The donor cancels on their account page (the provider is told first), or the provider ends it.
    { action: 'cancel', from: ['pending', 'active', 'past_due'], to: 'cancelled', roles: ['donor', 'provider'] },
    // The provider says a subscription ended whose checkout we had written off as expired: it did
    // exist after all, so the gift is recorded as cancelled (with the date).
    { action: 'close_expired', from: ['expired'], to: 'cancelled', roles: ['provider'] },
    { action: 'expire', from: ['pending'], to: 'expired', roles: ['provider'] },
  ],
};

export type RecurringGiftTransition = Transition<RecurringGiftStatus, RecurringGiftMover, RecurringGiftAction>;

/** The move from `from` to `to` that `by` may make, or undefined when the table has none. */
export function recurringGiftMove(
  from: RecurringGiftStatus,
  to: RecurringGiftStatus,
  by: RecurringGiftMover,
): RecurringGiftTransition | undefined {
  return recurringGiftWorkflow.transitions.find((t) => t.from.includes(from) && t.to === to && t.roles.includes(by));
}

/** Whether the donor may still cancel it on their account page. */
export function isCancellable(status: RecurringGiftStatus): boolean {
  return recurringGiftMove(status, 'cancelled', 'donor') !== undefined;
}
