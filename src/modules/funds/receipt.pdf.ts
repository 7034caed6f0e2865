/** The receipt and the yearly tax summary as PDFs, in the donor's language. */
import {
  renderPdf,
  signatureBlock,
  textLine,
  writeRow,
  writeText,
  FONTS,
  type Pdf,
} from '../../shared/pdf/pdf-document.js';
import { translate } from '../../shared/i18n/index.js';
import { formatSatang, type Locale } from '../../shared/money.js';
import { formatDate } from '../../shared/dates.js';
import { bahtText, bahtTextEnglish } from '../../shared/baht-text.js';
import { formatThaiId } from '../../shared/thai-id.js';
import type { FoundationInfo } from '../../config/index.js';
import type { ReceiptView } from './receipt.service.js';

function header(doc: Pdf, foundation: FoundationInfo, locale: Locale, title: string): void {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  writeText(doc, foundation.name[locale], { size: 18, bold: true });
  if (foundation.address[locale]) writeText(doc, foundation.address[locale], { size: 11 });
  writeText(
    doc,
    foundation.taxId
      ? t('receipt.foundationTaxId', { taxId: formatThaiId(foundation.taxId) })
      : t('receipt.noTaxIdConfigured'),
    { size: 11 },
  );
  if (foundation.charityRegistration) writeText(doc, foundation.charityRegistration[locale], { size: 11 });
  doc.moveDown(0.8);
  writeText(doc, title, { size: 16, bold: true, align: 'center' });
  doc.moveDown(0.6);
}

/** The authorised signature (image, name, title) when the foundation configured one. */
function signature(doc: Pdf, foundation: FoundationInfo, locale: Locale): void {
  const signer = foundation.signature;
  signatureBlock(doc, signer && { imagePath: signer.imagePath, name: signer.name, title: signer.title[locale] });
}

export function renderReceiptPdf(view: ReceiptView): Promise<Buffer> {
  const locale = view.locale;
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  return renderPdf(
    (doc) => {
      header(doc, view.foundation, locale, t('receipt.title'));
      writeRow(doc, t('receipt.number'), view.receiptNumber);
      writeRow(doc, t('receipt.date'), formatDate(view.paidAt, locale));
      writeRow(doc, t('receipt.receivedFrom'), view.donorName);
      if (view.donorTaxId) writeRow(doc, t('receipt.donorTaxId'), formatThaiId(view.donorTaxId));
      if (view.donorAddress) writeRow(doc, t('receipt.donorAddress'), view.donorAddress);
      writeRow(doc, t('receipt.fund'), view.fundName);
      writeRow(doc, t('receipt.amount'), formatSatang(view.amountSatang, locale));
      writeRow(
        doc,
        t('receipt.amountInWords'),
        locale === 'th' ? bahtText(view.amountSatang) : bahtTextEnglish(view.amountSatang),
      );
      writeRow(
        doc,
        t('receipt.channel'),
        t(`donations.channel.${view.channel}`) +
          (view.paymentMethod
            ? ` (${t(`donations.method.${view.paymentMethod === 'promptpay' ? 'promptpay' : 'card'}`)})`
            : ''),
      );
      writeRow(
        doc,
        t('receipt.deduction'),
        `${t('receipt.deductionTimes', { times: view.deduction.multiplier })} ${view.deduction.basis[locale]}`,
      );
      if (view.dedication) writeRow(doc, t('receipt.dedication'), view.dedication);
      if (view.refundedSatang > 0) writeRow(doc, t('receipt.refunded'), formatSatang(view.refundedSatang, locale));
      doc.moveDown(0.8);
      writeText(doc, t('receipt.thanks'), { gap: 0.5 });
      if (view.eDonationConsent) writeText(doc, t('receipt.eDonationNote'), { size: 11, gap: 0.5 });
      if (view.eDonationReportedAt)
        writeText(doc, t('receipt.eDonationReported', { date: formatDate(view.eDonationReportedAt, locale) }), {
          size: 11,
          gap: 0.5,
        });
      signature(doc, view.foundation, locale);
      writeText(doc, t('receipt.electronic', { date: formatDate(view.issuedAt, locale) }), { size: 10 });
    },
    { title: `${t('receipt.title')} ${view.receiptNumber}`, author: view.foundation.name[locale] },
  );
}

export interface YearSummaryView {
  locale: Locale;
  /** Buddhist-era year in Thai, Gregorian in English (as the donor reads it). */
  yearLabel: string;
  foundation: FoundationInfo;
  donorName: string;
  gifts: { receiptNumber: string; paidAt: Date; fundName: string; amountSatang: number }[];
  totalSatang: number;
  /** The total by deduction (1×, 2× with its legal basis), for the donor's tax return. */
  deductions: { multiplier: number; basis: { th: string; en: string }; totalSatang: number }[];
}

export function renderYearSummaryPdf(view: YearSummaryView): Promise<Buffer> {
  const locale = view.locale;
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  return renderPdf(
    (doc) => {
      header(doc, view.foundation, locale, t('receipt.summaryTitle', { year: view.yearLabel }));
      writeRow(doc, t('receipt.receivedFrom'), view.donorName);
      doc.moveDown(0.5);
      const left = doc.page.margins.left;
      const columns = [left, left + 110, left + 230, left + 400];
      const row = (cells: string[], bold = false) => {
        const top = doc.y;
        doc.font(bold ? FONTS.bold : FONTS.regular).fontSize(11);
        cells.forEach((cell, i) => {
          const width = (columns[i + 1] ?? doc.page.width - doc.page.margins.right) - (columns[i] as number) - 6;
          textLine(doc, cell, columns[i] as number, top, { width, align: i === 3 ? 'right' : 'left' });
        });
        doc.y = top + doc.currentLineHeight(true) + 4;
      };
      row([t('receipt.number'), t('receipt.date'), t('receipt.fund'), t('receipt.amount')], true);
      for (const gift of view.gifts) {
        if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
        row([
          gift.receiptNumber,
          formatDate(gift.paidAt, locale, 'short'),
          gift.fundName,
          formatSatang(gift.amountSatang, locale),
        ]);
      }
      doc.moveDown(0.5);
      row(['', '', t('receipt.total'), formatSatang(view.totalSatang, locale)], true);
      doc.moveDown(0.5);
      writeText(doc, locale === 'th' ? bahtText(view.totalSatang) : bahtTextEnglish(view.totalSatang), { gap: 0.5 });
      for (const d of view.deductions) {
        const line = t('receipt.deductionLine', { times: d.multiplier, amount: formatSatang(d.totalSatang, locale) });
        writeText(doc, `${line} (${d.basis[locale]})`, { size: 11, gap: 0.3 });
      }
      writeText(doc, t('receipt.summaryNote'), { size: 10 });
    },
    { title: t('receipt.summaryTitle', { year: view.yearLabel }), author: view.foundation.name[locale] },
  );
}
