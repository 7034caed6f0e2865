/** {{money amountSatang}} — integer satang shown as baht ("฿1,250.50"); the only place money is formatted. */
import type { HelperOptions } from 'handlebars';
import { formatSatang } from '../../money.js';
import { localeOf } from './locale-of.js';

export default function money(amountSatang: unknown, options: HelperOptions): string {
  if (typeof amountSatang !== 'number' || !Number.isSafeInteger(amountSatang)) return '';
  return formatSatang(amountSatang, localeOf(options));
}
