/** {{localized fund.name}} — the page's language from a bilingual `{ th, en }` field, Thai as fallback. */
import type { HelperOptions } from 'handlebars';
import { localized as pick } from '../../i18n/index.js';
import { localeOf } from './locale-of.js';

export default function localized(value: unknown, options: HelperOptions): string {
  if (!value || typeof value !== 'object') return '';
  return pick(value as { th?: string; en?: string }, localeOf(options));
}
