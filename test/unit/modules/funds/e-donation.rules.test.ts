import assert from 'node:assert/strict';
import {
  batchRows,
  canMoveEDonation,
  deductionFor,
  donorKind,
  eDonationAfterRefund,
  isReportable,
  reportedSatang,
  thaiFormDate,
} from '../../../../src/modules/funds/e-donation.rules.js';
import { translate } from '../../../../src/shared/i18n/index.js';

const GENERAL = { th: 'มาตรา 47(7)(ข)', en: 'Section 47(7)(b)' };

describe('e-Donation rules', () => {
  it('reports a gift only with consent and a valid 13-digit ID (check digit included)', () => {
    assert.equal(isReportable({ taxId: '1101700203450', eDonationConsent: true }), true);
    assert.equal(isReportable({ taxId: '1101700203450', eDonationConsent: false }), false);
    assert.equal(isReportable({ taxId: '1101700203451', eDonationConsent: true }), false, 'wrong check digit');
    assert.equal(isReportable({ taxId: '110170020345', eDonationConsent: true }), false, '12 digits');
    assert.equal(isReportable(undefined), false);
  });

  it('tells a company (0…) from a person by the ID', () => {
    assert.equal(donorKind('0994000165960'), 'company');
    assert.equal(donorKind('1101700203450'), 'person');
  });

  it('moves only along its table: a batch is reported once, corrected only after reporting', () => {
    assert.equal(canMoveEDonation('report', 'to_report'), true);
    assert.equal(canMoveEDonation('report', 'reported'), false);
    assert.equal(canMoveEDonation('confirm', 'reported'), true);
    assert.equal(canMoveEDonation('confirm', 'to_report'), false);
    assert.equal(canMoveEDonation('reported_by_bank', 'to_report'), true);
    assert.equal(canMoveEDonation('reported_by_bank', 'reported'), false);
    assert.equal(canMoveEDonation('correct', 'confirmed'), true);
    assert.equal(canMoveEDonation('correct', 'reported_by_bank'), false);
    assert.equal(canMoveEDonation('correct', undefined), false);
  });

  it('reports what was given less what was returned, never below zero', () => {
    assert.equal(reportedSatang(1_000_00, 250_00), 750_00);
    assert.equal(reportedSatang(1_000_00, 1_000_00), 0);
    assert.equal(reportedSatang(1_000_00, 2_000_00), 0);
  });

  it('after a refund: a reported gift is corrected in a new batch; an unreported one leaves its unsent batch, or the queue when nothing is left', () => {
    const after = (status: 'to_report' | 'reported' | 'reported_by_bank', inBatch: boolean, leftSatang: number) =>
      eDonationAfterRefund({ status, inBatch, correction: false, leftSatang });
    assert.deepEqual(after('reported', true, 500), { status: 'to_report', correction: true, leaveBatch: true });
    assert.deepEqual(after('to_report', false, 0), { status: undefined, correction: false, leaveBatch: true });
    assert.deepEqual(after('to_report', true, 0), { status: undefined, correction: false, leaveBatch: true });
    assert.deepEqual(after('to_report', true, 1), { status: 'to_report', correction: false, leaveBatch: true });
    // Still owed its report, at what is left, in no batch yet: unchanged.
    assert.equal(after('to_report', false, 1), undefined);
    assert.equal(after('reported_by_bank', false, 0), undefined);
    // A correction wholly refunded must still be sent (to bring the report to nothing).
    assert.equal(
      eDonationAfterRefund({ status: 'to_report', inBatch: false, correction: true, leftSatang: 0 }),
      undefined,
    );
  });

  it('dates the Revenue Department way: dd/mm/yyyy in the Buddhist era, in Bangkok', () => {
    // 31 Dec 2026 20:00 UTC is already 1 Jan 2027 in Bangkok.
    assert.equal(thaiFormDate(new Date('2026-12-31T20:00:00Z')), '01/01/2570');
    assert.equal(thaiFormDate(new Date('2026-03-05T03:00:00Z')), '05/03/2569');
  });

  it('exports a batch with a header and one row per gift, in the key-in order', () => {
    const rows = batchRows(
      [
        {
          taxId: '0994000165960',
          name: 'บริษัท ใจดี จำกัด',
          amountSatang: 12_345_67,
          paidAt: new Date('2026-03-05T03:00:00Z'),
          receiptNumber: '2569-000010',
          correction: true,
        },
      ],
      (key) => translate('th', `edonation.export.${key}`),
    );
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.[1], 'เลขประจำตัวผู้เสียภาษีอากรผู้บริจาค');
    assert.deepEqual(rows[1], [
      '1',
      '0994000165960',
      'นิติบุคคล',
      'บริษัท ใจดี จำกัด',
      '05/03/2569',
      'เงิน',
      '12345.67',
      '',
      '2569-000010',
      'ใช่',
    ]);
  });

  it('takes a campaign’s deduction over its fund’s, and 1× on the general basis when neither sets one', () => {
    const fund = { multiplier: 2 as const, basis: { th: 'พ.ร.ฎ. ฉบับที่ 1', en: 'Decree 1' } };
    const campaign = { multiplier: 1 as const, basis: { th: '', en: '' } };
    assert.deepEqual(deductionFor(undefined, undefined, GENERAL), { multiplier: 1, basis: GENERAL });
    assert.deepEqual(deductionFor(fund, undefined, GENERAL), fund);
    assert.deepEqual(deductionFor(fund, campaign, GENERAL), { multiplier: 1, basis: GENERAL });
    assert.deepEqual(deductionFor({ multiplier: 3 as never }, undefined, GENERAL).multiplier, 1, 'no 3×');
    assert.deepEqual(deductionFor({ multiplier: 2, basis: { th: 'ก', en: '' } }, undefined, GENERAL).basis, {
      th: 'ก',
      en: 'ก',
    });
  });
});
