/**
 * Signed links for donors without an account: a gift's thank-you (or "you cancelled") page and
 * its receipt download carry an HMAC of the id they open (shared/signing.ts), so nobody can walk
 * through other people's gifts by id. The receipt link opens the donor's name, address and tax
 * ID: a secret that never appears in the outbox, a log line or an admin page.
 */
import { sign, verifySignature } from '../../shared/signing.js';

/** The thank-you page of a one-time gift or a monthly gift (either id). */
export function thanksPath(donationOrRecurringGiftId: string): string {
  return `/donate/thanks/${donationOrRecurringGiftId}?token=${sign('gift', donationOrRecurringGiftId)}`;
}

/** Where Checkout sends a donor who left it. */
export function cancelledPath(donationOrRecurringGiftId: string): string {
  return `/donate/cancelled/${donationOrRecurringGiftId}?token=${sign('gift', donationOrRecurringGiftId)}`;
}

/** Whether `token` opens the thank-you or cancelled page of this gift. */
export function isGiftLinkValid(donationOrRecurringGiftId: string, token: unknown): boolean {
  return verifySignature('gift', donationOrRecurringGiftId, token);
}

export function receiptPath(donationId: string): string {
  return `/receipts/${donationId}?token=${sign('receipt', donationId)}`;
}

/** Whether `token` opens this gift's receipt without an account. */
export function isReceiptLinkValid(donationId: string, token: unknown): boolean {
  return verifySignature('receipt', donationId, token);
}
