import assert from 'node:assert/strict';
import { bahtText, bahtTextEnglish } from '../../../src/shared/baht-text.js';

describe('baht in Thai words', () => {
  const cases: [number, string][] = [
    [0, 'ศูนย์บาทถ้วน'],
    [1_00, 'หนึ่งบาทถ้วน'],
    [11_00, 'สิบเอ็ดบาทถ้วน'],
    [21_00, 'ยี่สิบเอ็ดบาทถ้วน'],
    [20_00, 'ยี่สิบบาทถ้วน'],
    [101_00, 'หนึ่งร้อยเอ็ดบาทถ้วน'],
    [110_00, 'หนึ่งร้อยสิบบาทถ้วน'],
    [1_250_00, 'หนึ่งพันสองร้อยห้าสิบบาทถ้วน'],
    [1_000_000_00, 'หนึ่งล้านบาทถ้วน'],
    [1_000_001_00, 'หนึ่งล้านเอ็ดบาทถ้วน'],
    [11_000_000_00, 'สิบเอ็ดล้านบาทถ้วน'],
    [21_121_221_00, 'ยี่สิบเอ็ดล้านหนึ่งแสนสองหมื่นหนึ่งพันสองร้อยยี่สิบเอ็ดบาทถ้วน'],
    [1_000_000_000_000_00, 'หนึ่งล้านล้านบาทถ้วน'],
    [50, 'ห้าสิบสตางค์'],
    [1, 'หนึ่งสตางค์'],
    [11, 'สิบเอ็ดสตางค์'],
    [1_250_75, 'หนึ่งพันสองร้อยห้าสิบบาทเจ็ดสิบห้าสตางค์'],
    [100_01, 'หนึ่งร้อยบาทหนึ่งสตางค์'],
    [-5_00, 'ลบห้าบาทถ้วน'],
  ];
  for (const [satang, words] of cases) {
    it(`${satang} satang → ${words}`, () => assert.equal(bahtText(satang), words));
  }
  it('refuses fractions of a satang and non-numbers', () => {
    assert.throws(() => bahtText(1.5), TypeError);
    assert.throws(() => bahtText(Number.NaN), TypeError);
  });
  it('writes English words for English receipts', () => {
    assert.equal(bahtTextEnglish(1_250_00), 'One thousand two hundred fifty baht only');
    assert.equal(bahtTextEnglish(1_000_001_50), 'One million one baht and fifty satang');
    assert.equal(bahtTextEnglish(21_00), 'Twenty-one baht only');
  });
});
