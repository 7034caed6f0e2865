/**
 * The one guard for money leaving a fund: under the fund's lock (`fund:<id>`, the key awards
 * use too), the fund's balance is read fresh and `work` (which writes the debit) runs only if
 * the fund can cover `amountSatang`. Callers holding a gift's lock take this one inside it,
 * never the other way round, so two debits can never wait on each other.
 * It checks the available balance, not the endowment's spendable part (which only awards are
 * held to): a refund takes its principal with it, and a correction may be to the principal itself.
 */
import { withLock } from '../../shared/db/lock.js';
import { logger } from '../../shared/logger.js';
import { fundTotalsNow } from './journal.service.js';

const log = logger.child({ module: 'journal' });

/** How a debit that the fund cannot cover is treated. */
export type DebitPolicy =
  /** Refused: staff decisions (corrections, manual refunds, awards) may not spend money the fund does not have. */
  | { kind: 'refuse'; error: (availableSatang: number) => Error }
  /** Booked anyway with a warning: money that has already left (a refund Stripe made) is a fact. */
  | { kind: 'record' };

export async function withFundDebit<T>(
  fundId: string,
  amountSatang: number,
  policy: DebitPolicy,
  work: () => Promise<T>,
): Promise<T> {
  return withLock(`fund:${fundId}`, async () => {
    const { availableSatang } = await fundTotalsNow(fundId);
    if (amountSatang > availableSatang) {
      if (policy.kind === 'refuse') throw policy.error(availableSatang);
      log.warn({ fundId, amountSatang, availableSatang }, 'a debit that already happened takes the fund below zero');
    }
    return work();
  });
}
