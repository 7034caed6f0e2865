/** {{number n}} — a count with the thousands separator of the page's language (23,403). */
import type { HelperOptions } from 'handlebars';
import { localeOf } from './locale-of.js';

const formats = { th: new Intl.NumberFormat('th-TH'), en: new Intl.NumberFormat('en-US') };

export default function number(value: unknown, options: HelperOptions): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '';
  return formats[localeOf(options)].format(n);
}
