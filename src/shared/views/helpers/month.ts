/** {{month "2026-11"}} — "พฤศจิกายน 2569" in Thai (Buddhist era), "November 2026" in English. */
import type { HelperOptions } from 'handlebars';
import { formatMonth } from '../../dates.js';
import { localeOf } from './locale-of.js';

export default function month(value: unknown, options: HelperOptions): string {
  return typeof value === 'string' ? formatMonth(value, localeOf(options)) : '';
}
