/**
 * Side effects go through named events (Hypha's messenger): a service emits, subscribers
 * (email, activity log) listen, and the emitting code does not know who listens.
 * `emit` resolves once every listener has stored its work (a queued email, say), so a request
 * answers only after its side effects are durable; a failing listener is logged, never thrown
 * into the emitter.
 */
import { logger } from './logger.js';

export interface AppEvents {
  'user.registered': { userId: string };
  'user.password_reset_requested': { userId: string; resetUrl: string };
  'user.password_changed': { userId: string };
  /** The person followed the emailed verification link (or a password-reset link): the address is theirs. */
  'user.email_verified': { userId: string; email: string };
  'user.roles_changed': { userId: string; roles: string[]; actorId: string };
  /** Money confirmed, in the ledger, with a receipt number (first time only). */
  'donation.confirmed': {
    donationId: string;
    fundId: string;
    amountSatang: number;
    receiptNumber: string;
    /** Paid through the online provider (which keeps a fee), not recorded by staff. */
    online: boolean;
    donor: { name: string; email: string | undefined; locale: 'th' | 'en' };
  };
  /** A gift promised for a bank transfer (no online payment configured). */
  'donation.pledged': { donationId: string };
  /** A pledge still waiting for its transfer, reminded once (pledge-followup.service.ts). */
  'donation.pledge_reminder': { donationId: string };
  'donation.refunded': { donationId: string; refundedSatang: number };
  'recurring.payment_failed': { recurringGiftId: string };
  'recurring.cancelled': { recurringGiftId: string };
  /** A grant application moved along its workflow (see grants/application.workflow.ts). */
  'application.transitioned': {
    applicationId: string;
    action: string;
    from: string;
    to: string;
    comment: string;
    actorId: string;
  };
  /** A reviewer was given an application to review. */
  'review.assigned': { reviewId: string };
  /** A review is not in and the call's review deadline is near. */
  'review.reminder': { reviewId: string };
  /** A grant report is due soon, or overdue. */
  'award.report_reminder': { awardId: string; reportId: string; overdue: boolean };
  /** An award's tranche was paid, or a report is due, accepted or returned. */
  'award.tranche_paid': { awardId: string; tranche: number };
  'award.report_reviewed': { awardId: string; reportId: string; accepted: boolean };
}

export type AppEventName = keyof AppEvents;
type Listener<E extends AppEventName> = (payload: AppEvents[E]) => Promise<void> | void;

const log = logger.child({ module: 'events' });

export class EventBus {
  private readonly listeners = new Map<AppEventName, Listener<never>[]>();

  on<E extends AppEventName>(name: E, listener: Listener<E>): () => void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as Listener<never>);
    this.listeners.set(name, list);
    return () =>
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((l) => l !== listener),
      );
  }

  async emit<E extends AppEventName>(name: E, payload: AppEvents[E]): Promise<void> {
    log.debug({ event: name }, 'event');
    const list = (this.listeners.get(name) ?? []) as Listener<E>[];
    await Promise.all(
      list.map(async (listener) => {
        try {
          await listener(payload);
        } catch (error) {
          log.error({ err: error, event: name }, 'event listener failed');
        }
      }),
    );
  }
}

export const events = new EventBus();
