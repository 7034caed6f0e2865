/** Staff corrections to a fund's balance: a new, signed adjustment entry with a memo; never an edit. */
import { Fund } from './fund.model.js';
import { movements, postEntry, withFundDebit } from '../accounting/index.js';
import { formatSatang } from '../../shared/money.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { ValidationError } from '../../shared/errors.js';
import { MAX_OFFLINE_SATANG } from './donation.rules.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'ledger' });

const debitRefused = (availableSatang: number) =>
  new ValidationError({
    amount: { key: 'donations.debitAboveAvailable', params: { available: formatSatang(Math.max(availableSatang, 0)) } },
  });

export interface AdjustmentInput {
  fund: string;
  direction: 'credit' | 'debit';
  amountSatang: number;
  memo: string;
  submissionId: string;
}

export async function recordAdjustment(actor: Actor, input: AdjustmentInput): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  const fund = await Fund.findOne({ slug: input.fund });
  if (!fund) throw new ValidationError({ fund: { key: 'validation.choice' } });
  if (input.amountSatang < 1 || input.amountSatang > MAX_OFFLINE_SATANG)
    throw new ValidationError({ amount: { key: 'donations.amountInvalid' } });
  const signed = input.direction === 'credit' ? input.amountSatang : 0 - input.amountSatang;
  const fundId = fund._id.toString();
  const entry = {
    movement: movements.adjustment(fundId, signed),
    ref: `adjustment:${input.submissionId}`,
    idempotencyKey: `adjustment:${input.submissionId}`,
    memo: input.memo,
    recordedBy: actor?.id,
  };
  if (signed > 0) {
    await postEntry(entry);
  } else {
    // A correction may not take out money the fund does not have (the same guard as refunds).
    await withFundDebit(fundId, input.amountSatang, { kind: 'refuse', error: debitRefused }, () => postEntry(entry));
  }
  log.info({ fund: input.fund, amountSatang: signed, actorId: actor?.id }, 'ledger adjustment recorded');
}
