import assert from 'node:assert/strict';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderReceiptPdf } from '../../../../src/modules/funds/receipt.pdf.js';
import type { ReceiptView } from '../../../../src/modules/funds/receipt.service.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';

/** Each printed line of page 1, top first: its baseline (points from the bottom) and font size. */
async function linesOf(pdf: Buffer): Promise<{ baseline: number; size: number; text: string }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  const lines = new Map<number, { baseline: number; size: number; text: string }>();
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const baseline = Math.round((item.transform[5] as number) * 10) / 10;
    const line = lines.get(baseline) ?? { baseline, size: 0, text: '' };
    line.size = Math.max(line.size, item.transform[0] as number);
    line.text += item.str;
    lines.set(baseline, line);
  }
  await doc.destroy();
  return [...lines.values()].sort((a, b) => b.baseline - a.baseline);
}

const view: ReceiptView = {
  receiptNumber: '2569-000001',
  issuedAt: new Date('2026-03-01T03:00:00Z'),
  locale: 'th',
  // Long enough that the name and the address each wrap to a second line.
  foundation: {
    name: { th: 'มูลนิธิชุมชนสุรินทร์เพื่อผู้สูงอายุและผู้ป่วยติดเตียงในหมู่บ้านที่ห่างไกล', en: '' },
    address: { th: '๑๒๓ หมู่ ๔ ตำบลในเมือง อำเภอเมืองสุรินทร์ จังหวัดสุรินทร์ ๓๒๐๐๐ ผู้ติดต่อ ผู้ประสานงานกองทุนที่ได้รับมอบหมาย', en: '' },
    taxId: '0994000165960',
  } as ReceiptView['foundation'],
  donorName: 'สมศรี ใจบุญ',
  donorAddress: undefined,
  donorTaxId: undefined,
  eDonationConsent: false,
  fundName: 'กองทุนผู้สูงอายุ',
  amountSatang: 1_250_00,
  refundedSatang: 0,
  paidAt: new Date('2026-03-01T03:00:00Z'),
  channel: 'bank_transfer',
  paymentMethod: undefined,
  dedication: undefined,
  deduction: { multiplier: 1, basis: { th: 'ตามมาตรา 47(7)(ข)', en: 'Section 47(7)(b)' } },
  eDonationReportedAt: undefined,
};

describe('receipt PDF: Thai line spacing', () => {
  it('leaves room for tone marks in the header: baseline to baseline at least 1.4× the size (Sarabun alone gives 1.3×)', async () => {
    const lines = await linesOf(await renderReceiptPdf(view));
    const titleAt = lines.findIndex((l) => l.text.includes('ใบเสร็จรับเงิน'));
    assert.ok(
      titleAt >= 4,
      `the header has the name, the address and the tax number over two lines each at least:\n${lines.map((l) => l.text).join('\n')}`,
    );
    const header = lines.slice(0, titleAt + 1);
    for (let i = 1; i < header.length; i++) {
      const [upper, lower] = [header[i - 1], header[i]] as [(typeof header)[0], (typeof header)[0]];
      const step = upper.baseline - lower.baseline;
      // Between sizes: the upper line's lower vowels (~0.3 em) and the lower line's stacked marks (~1.1 em).
      const needed = upper.size === lower.size ? 1.4 * lower.size : 0.3 * upper.size + 1.1 * lower.size;
      assert.ok(
        step >= needed,
        `“${lower.text.slice(0, 20)}” sits ${step.toFixed(1)}pt under “${upper.text.slice(0, 20)}” (${upper.size}pt → ${lower.size}pt): at least ${needed.toFixed(1)}pt needed`,
      );
    }
  });
});

describe('receipt PDF: everything a Thai donation receipt needs', () => {
  it('names the foundation, its tax ID and charity registration, the number and date, the donor and ID, the amount in figures and words, the fund, the deduction, the e-Donation report and the signature', async () => {
    const signature = new PNG({ width: 40, height: 12 });
    signature.data.fill(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'receipt-'));
    const imagePath = path.join(dir, 'signature.png');
    writeFileSync(imagePath, PNG.sync.write(signature));
    const full: ReceiptView = {
      ...view,
      foundation: {
        ...view.foundation,
        charityRegistration: { th: 'องค์การสาธารณกุศลลำดับที่ 999 ตามประกาศกระทรวงการคลัง', en: '' },
        eDonationRegistered: true,
        signature: { imagePath, name: 'นางสาวใจดี มีสุข', title: { th: 'เหรัญญิก', en: 'Treasurer' } },
      } as ReceiptView['foundation'],
      donorTaxId: '1101700203450',
      eDonationConsent: true,
      deduction: { multiplier: 2, basis: { th: 'ตามพระราชกฤษฎีกา (ฉบับที่ 999)', en: '' } },
      eDonationReportedAt: new Date('2026-03-05T03:00:00Z'),
    };
    const pdf = await renderReceiptPdf(full);
    const text = (await linesOf(pdf)).map((l) => l.text).join('\n');
    for (const expected of [
      'มูลนิธิชุมชนสุรินทร์',
      '0-9940-00165-96-0',
      'องค์การสาธารณกุศลลำดับที่ 999',
      '2569-000001',
      '1 มีนาคม 2569',
      'สมศรี ใจบุญ',
      '1-1017-00203-45-0',
      '฿1,250',
      'หนึ่งพันสองร้อยห้าสิบบาทถ้วน',
      'กองทุนผู้สูงอายุ',
      '2 เท่า',
      'ตามพระราชกฤษฎีกา (ฉบับที่ 999)',
      'ให้กรมสรรพากร (e-Donation) แล้วเมื่อ',
      '5 มีนาคม 2569',
      'นางสาวใจดี มีสุข',
      'เหรัญญิก',
    ])
      assert.ok(text.includes(expected), `the receipt says “${expected}”:\n${text}`);
    assert.ok(pdf.includes(Buffer.from('/Subtype /Image')), 'the signature image is drawn');
  });
});
