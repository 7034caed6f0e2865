/**
 * Emails about gifts, in the donor's language: the receipt (PDF attached), how to transfer a
 * pledge, refunds, and monthly gifts that failed or were cancelled. Subscribed to service events.
 */
import mongoose from 'mongoose';
import { events } from '../../shared/events.js';
import { queueMail, registerAttachmentBuilder } from '../../shared/mail/mailer.js';
import { formatSatang, type Locale } from '../../shared/money.js';
import { Donation } from './donation.model.js';
import { RecurringGift } from './recurring-gift.model.js';
import { Fund } from './fund.model.js';
import { receiptView } from './receipt.service.js';
import { renderReceiptPdf } from './receipt.pdf.js';
import { foundationInfo } from './foundation-info.js';
import { giftReference } from './donation-query.service.js';
import { receiptPath } from './donation.links.js';
import { pledgePayload, qrPng } from './promptpay-qr.js';

export const RECEIPT_ATTACHMENT = 'receipt';
export const PLEDGE_QR_ATTACHMENT = 'pledge-qr';

async function fundName(fundId: unknown, locale: Locale): Promise<string> {
  const fund = await Fund.findById(fundId, { name: 1 }).lean();
  return fund?.name?.[locale] ?? '';
}

let subscribed = false;

export function subscribeDonationNotifications(baseUrl: () => string): void {
  if (subscribed) return;
  subscribed = true;

  registerAttachmentBuilder(RECEIPT_ATTACHMENT, async (donationId) => {
    const view = await receiptView(donationId);
    return {
      filename: `receipt-${view.receiptNumber}.pdf`,
      content: await renderReceiptPdf(view),
      contentType: 'application/pdf',
    };
  });

  // The pledge's PromptPay QR for the exact amount, as a PNG the donor opens in a banking app.
  registerAttachmentBuilder(PLEDGE_QR_ATTACHMENT, async (donationId) => {
    const gift = await Donation.findById(donationId, { amountSatang: 1 }).lean();
    const payload = gift ? pledgePayload(foundationInfo(), gift.amountSatang, giftReference(donationId)) : undefined;
    if (!payload) throw new Error(`no PromptPay QR for gift ${donationId}`);
    return {
      filename: `promptpay-${giftReference(donationId)}.png`,
      content: await qrPng(payload),
      contentType: 'image/png',
    };
  });

  const withDonation = async (
    donationId: string,
    send: (d: InstanceType<typeof Donation>, locale: Locale) => Promise<void>,
  ) => {
    const donation = mongoose.isValidObjectId(donationId) ? await Donation.findById(donationId) : null;
    if (!donation?.donor?.email) return;
    await send(donation, (donation.donor.locale ?? 'th') as Locale);
  };

  // The event carries what the email needs, so the webhook path reads no gift again.
  events.on('donation.confirmed', async ({ donationId, donor, amountSatang, fundId, receiptNumber }) => {
    if (!donor.email) return;
    await queueMail({
      to: donor.email,
      locale: donor.locale,
      template: 'donationReceipt',
      params: {
        name: donor.name,
        amount: formatSatang(amountSatang, donor.locale),
        fund: await fundName(fundId, donor.locale),
        receiptNumber,
        receiptUrl: `${baseUrl()}${receiptPath(donationId)}`,
      },
      // The signed link opens the donor's receipt (name, address, tax ID) without an account.
      secretParams: ['receiptUrl'],
      attachments: [{ kind: RECEIPT_ATTACHMENT, refId: donationId }],
    });
  });

  // The pledge's transfer details (with its QR), when pledged and once more as a reminder. Each
  // queueMail names its template and params literally, so the i18n check can read them.
  const pledgeDetails = async (d: InstanceType<typeof Donation>, donationId: string, locale: Locale) => {
    const info = foundationInfo();
    const hasQr = pledgePayload(info, d.amountSatang, giftReference(donationId)) !== undefined;
    return {
      to: d.donor?.email as string,
      attachments: hasQr ? [{ kind: PLEDGE_QR_ATTACHMENT, refId: donationId }] : [],
      amount: formatSatang(d.amountSatang, locale),
      fund: await fundName(d.fundId, locale),
      bankAccount: info.bankAccount ?? '—',
      promptPayId: info.promptPayId ?? '—',
      lapseDays: info.pledgeLapseAfterDays,
    };
  };
  events.on('donation.pledged', ({ donationId }) =>
    withDonation(donationId, async (d, locale) => {
      const p = await pledgeDetails(d, donationId, locale);
      await queueMail({
        to: p.to,
        locale,
        template: 'donationPledge',
        attachments: p.attachments,
        params: {
          name: d.donor?.name,
          amount: p.amount,
          fund: p.fund,
          reference: giftReference(donationId),
          bankAccount: p.bankAccount,
          promptPayId: p.promptPayId,
        },
      });
    }),
  );
  events.on('donation.pledge_reminder', ({ donationId }) =>
    withDonation(donationId, async (d, locale) => {
      const p = await pledgeDetails(d, donationId, locale);
      await queueMail({
        to: p.to,
        locale,
        template: 'donationPledgeReminder',
        idempotencyKey: `pledge-reminder:${donationId}`,
        attachments: p.attachments,
        params: {
          name: d.donor?.name,
          amount: p.amount,
          fund: p.fund,
          reference: giftReference(donationId),
          bankAccount: p.bankAccount,
          promptPayId: p.promptPayId,
          lapseDays: p.lapseDays,
        },
      });
    }),
  );

  events.on('donation.refunded', ({ donationId, refundedSatang }) =>
    withDonation(donationId, async (d, locale) => {
      await queueMail({
        to: d.donor?.email as string,
        locale,
        template: 'donationRefunded',
        params: {
          name: d.donor?.name,
          amount: formatSatang(refundedSatang, locale),
          fund: await fundName(d.fundId, locale),
        },
      });
    }),
  );

  const withMonthly = async (recurringGiftId: string, template: string) => {
    const gift = await RecurringGift.findById(recurringGiftId);
    if (!gift?.donor?.email) return;
    const locale = (gift.donor.locale ?? 'th') as Locale;
    await queueMail({
      to: gift.donor.email,
      locale,
      template,
      params: {
        name: gift.donor.name,
        amount: formatSatang(gift.amountSatang, locale),
        fund: await fundName(gift.fundId, locale),
        accountUrl: `${baseUrl()}/account/gifts`,
      },
    });
  };
  events.on('recurring.payment_failed', ({ recurringGiftId }) => withMonthly(recurringGiftId, 'monthlyPaymentFailed'));
  events.on('recurring.cancelled', ({ recurringGiftId }) => withMonthly(recurringGiftId, 'monthlyCancelled'));
}
