/**
 * {{t "key" name=value}} — the message for the page's language, placeholders from the hash.
 * The language comes from the render context (`locale`, set per request).
 */
import type { HelperOptions } from 'handlebars';
import { translate } from '../../i18n/index.js';
import { localeOf } from './locale-of.js';

export default function t(key: unknown, options: HelperOptions): string {
  return typeof key === 'string' ? translate(localeOf(options), key, options.hash as Record<string, unknown>) : '';
}
