/**
 * An amount in Thai words, as written on receipts and cheques (like Excel's BAHTTEXT):
 * 1250 baht → หนึ่งพันสองร้อยห้าสิบบาทถ้วน. Integer satang in, so no float rounding.
 */
import { SATANG_PER_BAHT, isSatang } from './money.js';

const DIGITS = ['ศูนย์', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];
const PLACES = ['', 'สิบ', 'ร้อย', 'พัน', 'หมื่น', 'แสน'];

/** Words for 1..999,999; `afterHigher` says a larger unit (ล้าน) was written before it. */
function belowMillion(n: number, afterHigher: boolean): string {
  const digits = String(n).split('').map(Number);
  let words = '';
  digits.forEach((digit, index) => {
    const place = digits.length - 1 - index;
    if (digit === 0) return;
    if (place === 1) words += digit === 1 ? 'สิบ' : digit === 2 ? 'ยี่สิบ' : `${DIGITS[digit]}สิบ`;
    // A final one after anything else is "เอ็ด": สิบเอ็ด, หนึ่งร้อยเอ็ด, หนึ่งล้านเอ็ด.
    else if (place === 0) words += digit === 1 && (afterHigher || n > 9) ? 'เอ็ด' : DIGITS[digit];
    else words += `${DIGITS[digit]}${PLACES[place]}`;
  });
  return words;
}

function integerWords(n: number): string {
  if (n === 0) return '';
  const millions = Math.floor(n / 1_000_000);
  const rest = n % 1_000_000;
  const high = millions > 0 ? `${integerWords(millions)}ล้าน` : '';
  return high + (rest > 0 ? belowMillion(rest, millions > 0) : '');
}

export function bahtText(amountSatang: number): string {
  if (!isSatang(amountSatang)) throw new TypeError(`amountSatang must be a safe integer, got ${String(amountSatang)}`);
  if (amountSatang < 0) return `ลบ${bahtText(-amountSatang)}`;
  const baht = Math.floor(amountSatang / SATANG_PER_BAHT);
  const satang = amountSatang % SATANG_PER_BAHT;
  if (baht === 0 && satang === 0) return 'ศูนย์บาทถ้วน';
  const bahtPart = baht > 0 ? `${integerWords(baht)}บาท` : '';
  return satang === 0 ? `${bahtPart}ถ้วน` : `${bahtPart}${integerWords(satang)}สตางค์`;
}

/** English words for receipts in English: "One thousand two hundred fifty baht only". */
const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: [number, string][] = [
  [1_000_000_000, 'billion'],
  [1_000_000, 'million'],
  [1_000, 'thousand'],
];

function englishWords(n: number): string {
  if (n < 20) return ONES[n] as string;
  if (n < 100) return `${TENS[Math.floor(n / 10)]}${n % 10 ? `-${ONES[n % 10]}` : ''}`;
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${englishWords(n % 100)}` : ''}`;
  for (const [size, name] of SCALES) {
    if (n >= size)
      return `${englishWords(Math.floor(n / size))} ${name}${n % size ? ` ${englishWords(n % size)}` : ''}`;
  }
  return String(n);
}

export function bahtTextEnglish(amountSatang: number): string {
  if (!isSatang(amountSatang) || amountSatang < 0)
    throw new TypeError('amountSatang must be a non-negative safe integer');
  const baht = Math.floor(amountSatang / SATANG_PER_BAHT);
  const satang = amountSatang % SATANG_PER_BAHT;
  const text = `${englishWords(baht)} baht${satang ? ` and ${englishWords(satang)} satang` : ' only'}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
