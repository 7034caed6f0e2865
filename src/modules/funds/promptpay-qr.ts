/**
 * The PromptPay QR a donor scans to pay a pledge: an EMVCo merchant-presented payload for the
 * exact amount (tag 29 to the foundation's PromptPay ID, or tag 30 bill payment with the pledge's
 * reference when the foundation has a biller ID; promptparse adds the CRC), drawn as a PNG that
 * also prints. Thai banking apps read the amount and, with a biller ID, the reference.
 */
import { anyId, billPayment } from 'promptparse/generate';
import QRCode from 'qrcode';
import { parsePromptPayId } from '../../shared/promptpay-id.js';
import { SATANG_PER_BAHT } from '../../shared/money.js';

export interface PromptPaySettings {
  promptPayId: string | undefined;
  promptPayBillerId: string | undefined;
}

/** The payload for `amountSatang` to the foundation, or undefined when it has no PromptPay set. */
export function pledgePayload(
  settings: PromptPaySettings,
  amountSatang: number,
  reference: string,
): string | undefined {
  const amount = amountSatang / SATANG_PER_BAHT;
  if (settings.promptPayBillerId) {
    // ref1 takes letters and digits only (up to 20): the gift code is 8 of them.
    return billPayment({ billerId: settings.promptPayBillerId, amount, ref1: reference.toUpperCase() });
  }
  const target = settings.promptPayId ? parsePromptPayId(settings.promptPayId) : null;
  return target ? anyId({ type: target.type, target: target.target, amount }) : undefined;
}

/** The QR as a PNG: large enough to scan from a phone screen or a printed page. */
export async function qrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
}

/** The QR as a data: URL, for a page that must show it without another request (and print it). */
export async function qrDataUrl(payload: string): Promise<string> {
  return `data:image/png;base64,${(await qrPng(payload)).toString('base64')}`;
}
