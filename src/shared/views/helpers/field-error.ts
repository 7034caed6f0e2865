/** {{fieldError errors "email"}} — the translated message for one form field, or nothing. */
import type { HelperOptions } from 'handlebars';
import { translate } from '../../i18n/index.js';
import { localeOf } from './locale-of.js';

export default function fieldError(errors: unknown, name: unknown, options: HelperOptions): string {
  if (!errors || typeof errors !== 'object' || typeof name !== 'string') return '';
  const entry = (errors as Record<string, { key?: string; params?: Record<string, unknown> } | undefined>)[name];
  return entry?.key ? translate(localeOf(options), entry.key, entry.params ?? {}) : '';
}
