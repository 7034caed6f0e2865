/** {{date value "date"|"dateTime"|"short"}} — Buddhist-era Thai or Gregorian English, in Bangkok time. */
import type { HelperOptions } from 'handlebars';
import { formatDate, type DateStyle } from '../../dates.js';
import { localeOf } from './locale-of.js';

export default function date(value: unknown, ...rest: unknown[]): string {
  const options = rest.pop() as HelperOptions;
  const style = (rest[0] === 'dateTime' || rest[0] === 'short' ? rest[0] : 'date') as DateStyle;
  const when =
    value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  return when ? formatDate(when, localeOf(options), style) : '';
}
